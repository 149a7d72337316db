import type { ConsentChannel, ConsentPurpose } from '../../shared/rules/consent';
import { makeCardNumber } from '../../shared/card';
import { HybridClock } from '../../shared/hlc';
import { uuidv7 } from '../../shared/ids';
import type {
  SyncedCouponUse,
  SyncedPointsEntry,
  SyncedStoredValueEntry,
} from '../../shared/sync/operations';
import type { SyncOperation } from '../../shared/sync/protocol';
import type { HeadOffice, TerminalAuth } from '../headOffice';

/** A test clock the head office and the scripted terminals share. */
export class TestClock {
  constructor(public ms = Date.parse('2026-11-02T09:00:00.000Z')) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface EnrolledTerminal {
  auth: TerminalAuth;
  credential: string;
  storeId: string;
  storeName: string;
}

/** Creates a store (or uses `storeId`) and enrolls one terminal in it. */
export async function enrollTerminal(
  headOffice: HeadOffice,
  options: { storeId?: string; storeName?: string; terminalName?: string } = {},
): Promise<EnrolledTerminal> {
  let storeId = options.storeId;
  if (!storeId) {
    const store = await headOffice.admin.createStore('admin', {
      name: options.storeName ?? 'Causeway Bay',
    });
    if (!store.ok) throw new Error(store.error.message);
    storeId = store.value.id;
  }
  const code = await headOffice.admin.createEnrollmentCode('admin', storeId, {});
  if (!code.ok) throw new Error(code.error.message);
  const enrolled = await headOffice.enroll({
    code: code.value.code,
    terminalName: options.terminalName ?? 'Till 1',
    appVersion: '0.1.0',
  });
  if (!enrolled.ok) throw new Error(enrolled.error.message);
  const auth = await headOffice.authenticateTerminal(enrolled.value.credential);
  if (!auth.ok) throw new Error(auth.error.message);
  return {
    auth: auth.value,
    credential: enrolled.value.credential,
    storeId,
    storeName: enrolled.value.storeName,
  };
}

/**
 * Writes outbox operations the way a terminal does: gapless seq, fresh op ids, its own hybrid
 * clock. Nothing here touches head office; tests deliver the operations however they like.
 */
export class TerminalScript {
  readonly outbox: SyncOperation[] = [];
  private cardSeq = 0;
  private saleSeq = 0;
  private couponSeq = 0;
  private giftCardSeq = 0;
  readonly clock: HybridClock;
  readonly staffId = uuidv7();

  constructor(
    readonly terminal: EnrolledTerminal,
    private readonly time: TestClock,
  ) {
    this.clock = new HybridClock(terminal.auth.terminalId, time.now);
  }

  get terminalId(): string {
    return this.terminal.auth.terminalId;
  }

  private append(type: string, payload: unknown, hlc = this.clock.tick()): SyncOperation {
    const op: SyncOperation = {
      seq: this.outbox.length + 1,
      opId: uuidv7(this.time.now()),
      type,
      hlc,
      createdAt: new Date(this.time.now()).toISOString(),
      staffId: this.staffId,
      payload,
    };
    this.outbox.push(op);
    return op;
  }

  enrollMember(input: {
    name: string;
    phoneE164: string;
    email?: string | null;
    referredBy?: string | null;
  }): {
    op: SyncOperation;
    memberId: string;
    cardNumber: string;
    referralCode: string;
  } {
    const memberId = uuidv7(this.time.now());
    const cardNumber = makeCardNumber(this.terminal.auth.terminalNumber, ++this.cardSeq);
    const referralCode = `RF${this.terminal.auth.terminalNumber}-${String(this.cardSeq).padStart(4, '0')}`;
    const hlc = this.clock.tick();
    const op = this.append(
      'member.enrolled',
      {
        id: memberId,
        cardNumber,
        name: input.name,
        phoneE164: input.phoneE164,
        phoneNational: input.phoneE164.slice(-8),
        email: input.email ?? null,
        birthday: null,
        marketingConsent: false,
        consentAt: null,
        consentTerminalId: null,
        enrolledAt: new Date(this.time.now()).toISOString(),
        storeId: this.terminal.storeId,
        storeName: this.terminal.storeName,
        terminalId: this.terminalId,
        staffId: this.staffId,
        referralCode,
        referredBy: input.referredBy ?? null,
        hlc,
      },
      hlc,
    );
    return { op, memberId, cardNumber, referralCode };
  }

  updateMember(
    memberId: string,
    fields: Partial<{
      name: string;
      email: string | null;
      birthday: string | null;
      marketingConsent: boolean;
    }>,
    hlc = this.clock.tick(),
  ): SyncOperation {
    return this.append('member.updated', { memberId, fields, hlc }, hlc);
  }

  /** The member answers one consent question at the counter (as consent.record writes it). */
  recordConsent(input: {
    memberId: string;
    channel?: ConsentChannel;
    purpose: ConsentPurpose;
    answer: 'granted' | 'withdrawn';
  }): SyncOperation {
    const hlc = this.clock.tick();
    return this.append(
      'consent.recorded',
      {
        events: [
          {
            id: uuidv7(this.time.now()),
            memberId: input.memberId,
            channel: input.channel ?? 'sms',
            purpose: input.purpose,
            answer: input.answer,
            at: new Date(this.time.now()).toISOString(),
            hlc,
            origin: 'terminal',
            storeId: this.terminal.storeId,
            terminalId: this.terminalId,
            staffId: this.staffId,
            method: 'cashier_verbal',
            wordingVersion: 1,
            language: 'en',
          },
        ],
      },
      hlc,
    );
  }

  /** A coupon issued here, as `issueCoupon` on a terminal writes it. */
  issueCoupon(input: { campaignId?: string; memberId?: string | null } = {}): {
    op: SyncOperation;
    couponId: string;
    code: string;
  } {
    const couponId = uuidv7(this.time.now());
    const code = `CP${this.terminal.auth.terminalNumber}-${String(++this.couponSeq).padStart(4, '0')}`;
    const op = this.append('coupon.issued', {
      couponId,
      code,
      campaignId: input.campaignId ?? 'welcome',
      memberId: input.memberId ?? null,
      validFrom: '2026-11-02',
      validTo: '2026-12-01',
      source: 'welcome',
      saleId: null,
    });
    return { op, couponId, code };
  }

  /** Sells a new gift card loaded with `amountMinor`: its activation is the card's first entry. */
  giftCardSale(amountMinor: number): {
    op: SyncOperation;
    saleId: string;
    giftCardId: string;
    code: string;
  } {
    const saleId = uuidv7(this.time.now());
    const giftCardId = uuidv7(this.time.now());
    const code = `GC${this.terminal.auth.terminalNumber}-${String(++this.giftCardSeq).padStart(4, '0')}`;
    const op = this.append('sale.recorded', {
      saleId,
      number: `${this.terminal.auth.terminalNumber}-${String(++this.saleSeq).padStart(6, '0')}`,
      memberId: null,
      currency: 'HKD',
      totalMinor: amountMinor,
      redeemValueMinor: 0,
      paidMinor: amountMinor,
      giftCardMinor: 0,
      earnBaseMinor: 0,
      lines: [
        {
          lineNo: 1,
          description: 'Gift card 禮品卡',
          quantity: 1,
          unitPriceMinor: amountMinor,
          amountMinor,
        },
      ],
      offline: false,
      pointsEntries: [],
      couponUses: [],
      storedValueEntries: [
        {
          id: uuidv7(this.time.now()),
          giftCardId,
          code,
          kind: 'activate',
          amountMinor,
          balanceMinor: amountMinor,
        },
      ],
    });
    return { op, saleId, giftCardId, code };
  }

  /** A store manager's change of the program on this terminal. */
  programUpdated(
    version: number,
    program: unknown,
    also: { owner?: 'terminal' | 'head_office'; proposed?: boolean } = {},
  ): SyncOperation {
    return this.append('program.updated', { version, program, ...also });
  }

  /**
   * A sale of `totalMinor`; with a member, `earn` points earned and `redeem` points spent;
   * `coupons` redeemed on it and gift cards paying (`giftCards`, amounts positive).
   */
  sale(input: {
    memberId?: string | null;
    totalMinor?: number;
    earn?: number;
    redeem?: number;
    offline?: boolean;
    coupons?: { couponId: string; code: string; discountMinor?: number }[];
    giftCards?: { giftCardId: string; code: string; amountMinor: number; balanceMinor: number }[];
  }): {
    op: SyncOperation;
    saleId: string;
    entries: SyncedPointsEntry[];
    couponUses: SyncedCouponUse[];
    storedValue: SyncedStoredValueEntry[];
  } {
    const saleId = uuidv7(this.time.now());
    const memberId = input.memberId ?? null;
    const entries: SyncedPointsEntry[] = [];
    if (memberId && input.redeem) {
      entries.push({
        id: uuidv7(this.time.now()),
        memberId,
        kind: 'redeem',
        points: -input.redeem,
        saleId,
        reversesId: null,
      });
    }
    if (memberId && input.earn) {
      entries.push({
        id: uuidv7(this.time.now()),
        memberId,
        kind: 'earn',
        points: input.earn,
        saleId,
        reversesId: null,
      });
    }
    const redeemValueMinor = input.redeem ? input.redeem * 5 : 0;
    // Enough spent to earn what the test says at 1 point a dollar (head office bounds a sale's
    // points by what its program could give), HK$100 unless more is needed.
    const totalMinor =
      input.totalMinor ?? Math.max(10_000, (input.earn ?? 0) * 100 + redeemValueMinor);
    const couponUses: SyncedCouponUse[] = (input.coupons ?? []).map((coupon) => ({
      id: uuidv7(this.time.now()),
      couponId: coupon.couponId,
      code: coupon.code,
      discountMinor: coupon.discountMinor ?? 1000,
    }));
    const storedValue: SyncedStoredValueEntry[] = (input.giftCards ?? []).map((card) => ({
      id: uuidv7(this.time.now()),
      giftCardId: card.giftCardId,
      code: card.code,
      kind: 'pay',
      amountMinor: -card.amountMinor,
      balanceMinor: card.balanceMinor,
    }));
    const giftCardMinor = (input.giftCards ?? []).reduce((sum, c) => sum + c.amountMinor, 0);
    const op = this.append('sale.recorded', {
      saleId,
      number: `${this.terminal.auth.terminalNumber}-${String(++this.saleSeq).padStart(6, '0')}`,
      memberId,
      currency: 'HKD',
      totalMinor,
      redeemValueMinor,
      paidMinor: totalMinor - redeemValueMinor - giftCardMinor,
      giftCardMinor,
      earnBaseMinor: totalMinor - redeemValueMinor - giftCardMinor,
      lines: [
        {
          lineNo: 1,
          description: 'Jasmine tea 茉莉花茶',
          quantity: totalMinor % 2 === 0 ? 2 : 1,
          unitPriceMinor: totalMinor % 2 === 0 ? totalMinor / 2 : totalMinor,
          amountMinor: totalMinor,
        },
      ],
      offline: input.offline ?? false,
      pointsEntries: entries,
      couponUses,
      storedValueEntries: storedValue,
    });
    return { op, saleId, entries, couponUses, storedValue };
  }

  /**
   * Refunds the whole sale: its points reversed, its coupons returned (as a terminal sends them:
   * no kind, no discount) and gift-card payments put back on the cards.
   */
  refund(
    sale: {
      saleId: string;
      entries: SyncedPointsEntry[];
      couponUses?: SyncedCouponUse[];
      storedValue?: SyncedStoredValueEntry[];
    },
    memberId: string | null,
  ) {
    const refundId = uuidv7(this.time.now());
    const reversals: SyncedPointsEntry[] = sale.entries.map((entry) => ({
      id: uuidv7(this.time.now()),
      memberId: entry.memberId,
      kind: entry.kind === 'earn' ? 'reverse_earn' : 'reverse_redeem',
      points: -entry.points,
      saleId: refundId,
      reversesId: entry.id,
    }));
    const storedValue: SyncedStoredValueEntry[] = (sale.storedValue ?? []).map((entry) => ({
      id: uuidv7(this.time.now()),
      giftCardId: entry.giftCardId,
      code: entry.code,
      kind: 'refund_pay',
      amountMinor: -entry.amountMinor,
      balanceMinor: entry.balanceMinor - entry.amountMinor,
    }));
    const giftCardBack = storedValue.reduce((sum, e) => sum + e.amountMinor, 0);
    const op = this.append('sale.refunded', {
      refundId,
      saleId: sale.saleId,
      number: `${this.terminal.auth.terminalNumber}-${String(++this.saleSeq).padStart(6, '0')}`,
      reason: 'changed mind',
      memberId,
      totalMinor: -10_000,
      paidMinor: -(10_000 - giftCardBack),
      lines: [{ lineNo: 1, quantity: 2 }],
      pointsEntries: reversals,
      couponUses: (sale.couponUses ?? []).map((use) => ({
        id: uuidv7(this.time.now()),
        couponId: use.couponId,
        code: use.code,
      })),
      storedValueEntries: storedValue,
    });
    return { op, refundId };
  }

  configured(terminalNumber = this.terminal.auth.terminalNumber): SyncOperation {
    return this.append('terminal.configured', {
      storeName: this.terminal.storeName,
      terminalName: 'Till 1',
      terminalNumber,
      currency: 'HKD',
      timeZone: 'Asia/Hong_Kong',
    });
  }

  other(type: string, payload: unknown): SyncOperation {
    return this.append(type, payload);
  }

  /** A push body for these operations (default: the whole outbox). */
  batch(operations: readonly SyncOperation[] = this.outbox) {
    return { protocol: 1, terminalId: this.terminalId, operations };
  }
}

/** Pushes and insists it worked: for tests where the push itself is not under test. */
export async function pushOk(
  headOffice: HeadOffice,
  script: TerminalScript,
  operations: readonly SyncOperation[] = script.outbox,
) {
  const result = await headOffice.push(script.terminal.auth, script.batch(operations));
  if (!result.ok) throw new Error(`push refused: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/**
 * Pushes operations head office must reject: the push itself succeeds, each of them comes back
 * `rejected` and is kept as a rejected_operation exception. Returns the push's answer.
 */
export async function pushRejected(
  headOffice: HeadOffice,
  script: TerminalScript,
  operations: readonly SyncOperation[] = script.outbox,
) {
  const response = await pushOk(headOffice, script, operations);
  const fresh = response.outcomes.filter((o) => !o.duplicate);
  if (fresh.length === 0 || fresh.some((o) => o.outcome !== 'rejected')) {
    throw new Error(`expected every operation rejected, got ${JSON.stringify(response.outcomes)}`);
  }
  return response;
}

export async function balanceOf(headOffice: HeadOffice, memberId: string): Promise<number> {
  const { rows } = await headOffice.db.query<{ points: number }>(
    'SELECT points FROM member_balance WHERE member_id = $1',
    [memberId],
  );
  return rows[0]?.points ?? 0;
}

/** The invariant: every cached balance equals its entries' sum, merges resolved. */
export async function balancesMatchLedger(headOffice: HeadOffice): Promise<void> {
  const { rows } = await headOffice.db.query<{ member_id: string; cached: number; summed: number }>(
    `WITH summed AS (
       SELECT coalesce(m.merged_into, e.member_id) AS member_id, sum(e.points)::int8 AS points
       FROM points_entry e LEFT JOIN member m ON m.id = e.member_id
       GROUP BY 1)
     SELECT coalesce(b.member_id, s.member_id) AS member_id, coalesce(b.points, 0) AS cached,
            coalesce(s.points, 0) AS summed
     FROM member_balance b FULL JOIN summed s ON s.member_id = b.member_id
     WHERE coalesce(b.points, 0) <> coalesce(s.points, 0)`,
  );
  if (rows.length > 0) throw new Error(`balances differ from the ledger: ${JSON.stringify(rows)}`);
}

/** The invariant for gift cards: every card's cached balance equals its entries' sum. */
export async function giftCardsMatchLedger(headOffice: HeadOffice): Promise<void> {
  const { rows } = await headOffice.db.query<{ id: string; cached: number; summed: number }>(
    `SELECT g.id, g.balance_minor AS cached, coalesce(sum(e.amount_minor), 0)::int8 AS summed
     FROM gift_card g LEFT JOIN stored_value_entry e ON e.gift_card_id = g.id
     GROUP BY g.id, g.balance_minor
     HAVING g.balance_minor <> coalesce(sum(e.amount_minor), 0)`,
  );
  if (rows.length > 0)
    throw new Error(`gift cards differ from the ledger: ${JSON.stringify(rows)}`);
}

/**
 * Everything a push can change, in a comparable form: what must come out the same however the
 * same operations were delivered. Server-made ids and clocks are left out.
 */
export async function stateDigest(headOffice: HeadOffice): Promise<unknown> {
  const q = async (sql: string) => (await headOffice.db.query(sql)).rows;
  return {
    ops: await q(
      `SELECT terminal_id, seq, op_id, type, outcome->>'outcome' AS outcome,
         outcome->'compensation'->>'kind' AS compensation
       FROM sync_op ORDER BY terminal_id, seq`,
    ),
    marks: await q('SELECT id, high_water_mark FROM terminal ORDER BY id'),
    entries: await q('SELECT id, member_id, points FROM points_entry ORDER BY id'),
    balances: await q('SELECT member_id, points FROM member_balance ORDER BY member_id'),
    sales: await q('SELECT id, kind, total_minor, points_redeemed FROM sale ORDER BY id'),
    coupons: await q(
      'SELECT id, code, campaign_id, redeemed_use_id, redeemed_sale_id FROM coupon ORDER BY id',
    ),
    couponUses: await q('SELECT id, kind, sale_id, returns_use_id FROM coupon_use ORDER BY id'),
    giftCards: await q('SELECT id, balance_minor FROM gift_card ORDER BY id'),
    storedValue: await q('SELECT id, amount_minor FROM stored_value_entry ORDER BY id'),
    members: await q('SELECT id, name, email, merged_into, hlc FROM member ORDER BY id'),
    exceptions: await q(
      'SELECT kind, op_id, member_id, sale_id FROM exception_case ORDER BY op_id, kind',
    ),
    streams: await q('SELECT stream, seq FROM stream_counter ORDER BY stream'),
  };
}
