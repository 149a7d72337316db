import type { ApiInput } from '../../shared/api';
import type { MemberSummary, Receipt } from '../../shared/domain';
import { normalisePhone } from '../../shared/phone';
import type { ErrorCode, Result } from '../../shared/result';
import type { Rng } from './rng';
import { appendOutbox } from '../../electron/core/outbox/outbox';
import { stampWrite } from '../../electron/core/stamp';
import {
  COUPON_CAMPAIGN,
  MANAGER_PIN,
  ONLINE_ONLY_CAMPAIGN,
  call,
  type CouponRef,
  type SimTerminal,
  type World,
} from './world';

/**
 * What cashiers and managers do at the counter, drawn at random: the simulation's workload.
 * Each operation goes through the terminal's real API door. A refusal the situation explains
 * (a phone already on file, the offline limit) is expected; any other failure is a finding.
 */

export const opWeights = {
  enroll: 8,
  enroll_duplicate: 3,
  sale: 22,
  redeem: 12,
  refund: 7,
  coupon_issue: 5,
  coupon_use: 7,
  gift_card_sale: 3,
  gift_card_pay: 3,
  profile_edit: 9,
  points_adjust: 2,
  time_passes: 3,
  sale_retry: 2,
  complaint_log: 2,
  complaint_step: 3,
} as const;
export type OpKind = keyof typeof opWeights;

/** What happened to every operation, by kind. */
export class OpLog {
  readonly byKind: Record<string, { ok: number; refused: Record<string, number> }> = {};
  readonly unexpected: string[] = [];
  /** A repeated sale.record (same sale id) that did not return the first receipt. */
  retryDoubled = 0;
  /** Poisoned operations slipped into outboxes: each must come back rejected. */
  poisoned = 0;
  executed = 0;

  private entry(kind: string) {
    this.byKind[kind] ??= { ok: 0, refused: {} };
    return this.byKind[kind];
  }

  ok(kind: string): void {
    this.entry(kind).ok += 1;
  }

  refused(kind: string, code: string): void {
    const refused = this.entry(kind).refused;
    refused[code] = (refused[code] ?? 0) + 1;
  }

  fail(kind: string, terminal: SimTerminal, message: string): void {
    this.refused(kind, 'UNEXPECTED');
    this.unexpected.push(`${terminal.label} ${kind}: ${message}`);
  }
}

const goods = [
  { description: 'Jasmine tea 茉莉花茶', unitPriceMinor: 3800 },
  { description: 'Egg tart 蛋撻', unitPriceMinor: 1200 },
  { description: 'Pineapple bun 菠蘿包', unitPriceMinor: 900 },
  { description: 'Milk tea 奶茶', unitPriceMinor: 2600 },
  { description: 'Rice cooker 電飯煲', unitPriceMinor: 45_800 },
  { description: 'Umbrella 雨傘', unitPriceMinor: 12_900 },
  { description: 'Dried scallops 瑤柱', unitPriceMinor: 68_000 },
];
const complaintSteps = ['acknowledged', 'resolved', 'reopened', 'responded'] as const;
const complaintTexts = [
  'Waited 20 minutes 等了二十分鐘',
  'Points missing 積分不見了',
  'Rude 態度差',
];

const givenNames = ['Mei', 'Wing', 'Ka Ho', 'Siu Ming', 'Chloe', 'Ethan', 'Hoi Yan', 'Tsz Kin'];
const familyNames = ['Chan', 'Wong', 'Lee', 'Cheung', 'Lau', 'Ho', 'Ng', 'Leung', '陳', '黃'];

type SaleInput = Omit<ApiInput<'sale.record'>, 'saleId'>;

/**
 * What a broken or tampered till might slip into its outbox. Each is written straight into the
 * outbox (no ledger change): head office must reject it, keep it as an exception, and go on.
 */
const poisons: ((
  memberId: string | null,
  id: () => string,
) => { type: string; payload: unknown })[] = [
  (memberId) => ({
    type: 'member.updated',
    payload: { memberId, fields: { name: 'Nul\u0000Byte' }, hlc: '000000000000000-00000-x' },
  }),
  (memberId, id) => ({
    type: 'points.gifted',
    payload: {
      pointsEntries: [
        { id: id(), memberId, kind: 'bonus', points: 1e12, saleId: null, reversesId: null },
      ],
    },
  }),
  (memberId, id) => ({
    type: 'points.adjusted',
    payload: {
      memberId,
      reason: 'half a pair \ud83d',
      approvedBy: id(),
      pointsEntries: [
        {
          id: id(),
          memberId,
          kind: 'adjust',
          points: Number.MAX_SAFE_INTEGER,
          saleId: null,
          reversesId: null,
        },
      ],
    },
  }),
  (memberId, id) => ({
    type: 'sale.recorded',
    payload: { saleId: id(), memberId, lines: [{ description: 'Tea\ud800' }] },
  }),
];

export class Cashiers {
  private memberCount = 0;

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
    readonly log: OpLog,
  ) {}

  /** Slips a poisoned operation into this terminal's outbox (the `poison` fault). */
  poison(terminal: SimTerminal): void {
    const member = this.world.members.length > 0 ? this.rng.pick(this.world.members) : null;
    const make = this.rng.pick(poisons);
    const { type, payload } = make(member?.id ?? null, () => this.rng.uuid(this.world.clock.ms));
    const { core } = terminal;
    core.db.transaction(() => {
      // Straight into the outbox, past the contract's types: this is what a broken till writes.
      appendOutbox(core.db, stampWrite(core.ctx), type as never, payload as never);
    })();
    this.log.poisoned += 1;
  }

  /** One operation at this terminal; `kind` defaults to a weighted draw. */
  run(terminal: SimTerminal, kind: OpKind = this.rng.weighted(opWeights)): void {
    this.log.executed += 1;
    switch (kind) {
      case 'enroll':
        return this.enroll(terminal, false);
      case 'enroll_duplicate':
        return this.enroll(terminal, true);
      case 'sale':
        return this.sale(terminal);
      case 'redeem':
        return this.redeem(terminal);
      case 'refund':
        return this.refund(terminal);
      case 'coupon_issue':
        return this.issueCoupon(terminal);
      case 'coupon_use':
        return this.useCoupon(terminal);
      case 'gift_card_sale':
        return this.sellGiftCard(terminal);
      case 'gift_card_pay':
        return this.payWithGiftCard(terminal);
      case 'profile_edit':
        return this.editProfile(terminal);
      case 'points_adjust':
        return this.adjustPoints(terminal);
      case 'time_passes':
        return this.timePasses();
      case 'sale_retry':
        return this.retrySale(terminal);
      case 'complaint_log':
        return this.logComplaint(terminal);
      case 'complaint_step':
        return this.stepComplaint(terminal);
      default: {
        const never: never = kind;
        throw new Error(`unknown operation ${String(never)}`);
      }
    }
  }

  /** The value of an ok result; an allowed refusal is logged and gives null; anything else is a finding. */
  private expect<T>(
    kind: string,
    terminal: SimTerminal,
    result: Result<T>,
    allowed: readonly ErrorCode[] = [],
  ): T | null {
    if (result.ok) {
      this.log.ok(kind);
      return result.value;
    }
    if (allowed.includes(result.error.code)) {
      this.log.refused(kind, result.error.code);
      return null;
    }
    this.log.fail(kind, terminal, `${result.error.code}: ${result.error.message}`);
    return null;
  }

  private basket(): SaleInput['lines'] {
    const lines: SaleInput['lines'] = [];
    const count = this.rng.int(1, 3);
    for (let i = 0; i < count; i++) {
      const item = this.rng.pick(goods);
      lines.push({ ...item, quantity: this.rng.int(1, 3) });
    }
    return lines;
  }

  private newPhone(): string {
    for (;;) {
      const phone = `${this.rng.pick(['5', '6', '9'])}${String(this.rng.int(0, 9_999_999)).padStart(7, '0')}`;
      if (this.world.phones.has(phone)) continue;
      if (!normalisePhone(phone, 'HK')) continue;
      this.world.phones.add(phone);
      return phone;
    }
  }

  /**
   * A member the cashier finds by phone or card scan; a handful of regulars shop everywhere,
   * which is where offline terminals spend the same points.
   */
  private findMember(terminal: SimTerminal): MemberSummary | null {
    const members = this.world.members;
    if (members.length === 0) return null;
    for (let attempt = 0; attempt < 3; attempt++) {
      const wanted = this.rng.chance(0.4)
        ? this.rng.pick(members.slice(0, 12))
        : this.rng.pick(members);
      const found = this.rng.chance(0.75)
        ? call(terminal, 'member.byPhone', { phone: wanted.phoneNational })
        : call(terminal, 'member.byCard', { cardNumber: wanted.cardNumber });
      if (!found.ok) {
        this.log.fail('lookup', terminal, `${found.error.code}: ${found.error.message}`);
        continue;
      }
      if (found.value) return found.value;
    }
    return null;
  }

  private recordSale(
    kind: string,
    terminal: SimTerminal,
    sale: SaleInput,
    allowed: readonly ErrorCode[] = [],
  ): Receipt | null {
    const input: ApiInput<'sale.record'> = { ...sale, saleId: this.rng.uuid(this.world.clock.ms) };
    const receipt = this.expect(kind, terminal, call(terminal, 'sale.record', input), allowed);
    if (receipt) {
      terminal.sales.push({
        saleId: receipt.sale.id,
        memberId: receipt.sale.member?.id ?? null,
        lines: receipt.sale.lines.map((l) => ({ lineNo: l.lineNo, left: l.quantity })),
      });
      terminal.lastSale = { input, number: receipt.sale.number };
    }
    return receipt;
  }

  private enroll(terminal: SimTerminal, duplicate: boolean): void {
    const n = ++this.memberCount;
    // The same person signing up again at another store, before this till has heard of them.
    const others = this.world.members.filter((m) => m.terminal !== terminal.index);
    const phone =
      duplicate && others.length > 0 ? this.rng.pick(others).phoneNational : this.newPhone();
    const referralCode =
      terminal.referralCodes.length > 0 && this.rng.chance(0.1)
        ? this.rng.pick(terminal.referralCodes)
        : undefined;
    const kind = duplicate ? 'enroll_duplicate' : 'enroll';
    const member = this.expect(
      kind,
      terminal,
      call(terminal, 'member.enroll', {
        name: `${this.rng.pick(givenNames)} ${this.rng.pick(familyNames)} ${n}`,
        phone,
        email: this.rng.chance(0.5) ? `member${n}@example.com` : '',
        marketingConsent: this.rng.chance(0.5),
        ...(referralCode ? { referralCode } : {}),
      }),
      duplicate ? ['duplicate_phone'] : [],
    );
    if (!member) return;
    this.world.members.push({
      id: member.id,
      phoneNational: phone,
      cardNumber: member.cardNumber,
      terminal: terminal.index,
    });
    if (member.referralCode) terminal.referralCodes.push(member.referralCode);
  }

  private sale(terminal: SimTerminal): void {
    const member = this.rng.chance(0.8) ? this.findMember(terminal) : null;
    this.recordSale('sale', terminal, {
      memberId: member?.id ?? null,
      lines: this.basket(),
      redeemPoints: 0,
    });
  }

  /**
   * Spending points. Mostly within what the terminal offers (the chain balance it knows, capped
   * by the offline policy while offline); sometimes past the offline cap with a manager's PIN,
   * past it without one, or past the balance, to see each refusal.
   */
  private redeem(terminal: SimTerminal): void {
    const member = this.findMember(terminal);
    if (!member) return this.sale(terminal);
    const lines = this.basket();
    const preview = call(terminal, 'sale.preview', { memberId: member.id, lines, redeemPoints: 0 });
    if (!preview.ok) {
      this.log.fail('redeem', terminal, `preview ${preview.error.code}: ${preview.error.message}`);
      return;
    }
    const { maxRedeemablePoints: max, redeemStep: step, offlineLimit } = preview.value;
    const steps = (points: number) => Math.floor(points / step) * step;
    const mode = this.rng.weighted({
      within: 70,
      over_offline_cap: 10,
      override: 10,
      too_many: 10,
    });
    const cap = Math.min(max, offlineLimit?.max ?? max);
    if (mode === 'over_offline_cap' && offlineLimit && offlineLimit.max < steps(max)) {
      this.recordSale(
        'redeem_over_offline_cap',
        terminal,
        {
          memberId: member.id,
          lines,
          redeemPoints: steps(max),
        },
        ['offline_redemption_limit'],
      );
      return;
    }
    if (mode === 'override' && offlineLimit && steps(max) >= step) {
      this.recordSale('redeem_override', terminal, {
        memberId: member.id,
        lines,
        redeemPoints: steps(this.rng.int(step, max)),
        overridePin: MANAGER_PIN,
      });
      return;
    }
    if (mode === 'too_many') {
      this.recordSale(
        'redeem_too_many',
        terminal,
        { memberId: member.id, lines, redeemPoints: steps(max) + step * this.rng.int(1, 5) },
        ['insufficient_points', 'redeem_exceeds_total', 'offline_redemption_limit'],
      );
      return;
    }
    // Often everything the till offers: two tills that each offer the whole balance overdraw it.
    const wanted = this.rng.chance(0.4) ? cap : this.rng.int(step, Math.max(step, cap));
    const points = cap >= step ? Math.max(step, steps(wanted)) : 0;
    this.recordSale(points > 0 ? 'redeem' : 'redeem_nothing_spendable', terminal, {
      memberId: member.id,
      lines,
      redeemPoints: points,
    });
  }

  /** A whole or partial refund of one of this till's sales; now and then one already returned. */
  private refund(terminal: SimTerminal): void {
    const open = terminal.sales.filter((s) => s.lines.some((l) => l.left > 0));
    const done = terminal.sales.filter((s) => s.lines.every((l) => l.left === 0));
    if (done.length > 0 && this.rng.chance(0.05)) {
      const sale = this.rng.pick(done);
      this.expect(
        'refund_again',
        terminal,
        call(terminal, 'sale.refund', {
          saleId: sale.saleId,
          refundId: this.rng.uuid(this.world.clock.ms),
          reason: 'asked twice',
        }),
        ['refund_nothing_left', 'sale_already_refunded'],
      );
      return;
    }
    if (open.length === 0) return this.sale(terminal);
    const sale = this.rng.pick(open);
    const whole = this.rng.chance(0.5);
    const line = this.rng.pick(sale.lines.filter((l) => l.left > 0));
    const refunded = this.expect(
      whole ? 'refund_whole' : 'refund_part',
      terminal,
      call(terminal, 'sale.refund', {
        saleId: sale.saleId,
        refundId: this.rng.uuid(this.world.clock.ms),
        reason: whole ? 'changed mind' : 'one was broken',
        ...(whole
          ? {}
          : { lines: [{ lineNo: line.lineNo, quantity: this.rng.int(1, line.left) }] }),
      }),
      // A gift card sold on the sale cannot be taken back once it has been spent.
      ['gift_card_insufficient'],
    );
    if (!refunded) return;
    const after = call(terminal, 'sale.get', { saleId: sale.saleId });
    if (!after.ok) {
      this.log.fail('refund', terminal, `sale.get ${after.error.code}: ${after.error.message}`);
      return;
    }
    sale.lines = after.value.sale.lines.map((l) => ({
      lineNo: l.lineNo,
      left: l.quantity - l.refundedQuantity,
    }));
  }

  private issueCoupon(terminal: SimTerminal): void {
    const member = this.rng.chance(0.8) ? this.findMember(terminal) : null;
    const campaignId = this.rng.chance(0.8) ? COUPON_CAMPAIGN : ONLINE_ONLY_CAMPAIGN;
    const coupon = this.expect(
      'coupon_issue',
      terminal,
      call(terminal, 'coupon.issue', { campaignId, memberId: member?.id ?? null }),
    );
    if (!coupon) return;
    terminal.coupons.push({
      code: coupon.code,
      memberId: coupon.memberId,
      terminal: terminal.index,
      used: false,
      onlineOnly: coupon.onlineOnly,
    });
  }

  /**
   * A coupon at the till: usually one issued here and not used yet; sometimes one used already,
   * or one issued at another store (which this till cannot know until coupons sync).
   */
  private useCoupon(terminal: SimTerminal): void {
    const roll = this.rng.next();
    let coupon: CouponRef | undefined;
    let kind = 'coupon_use';
    const allowed: ErrorCode[] = [];
    const everywhere = this.world.terminals.flatMap((t) => t.coupons);
    if (roll < 0.2) {
      // Issued at another store: usable here once head office has told this till about it.
      const elsewhere = everywhere.filter((c) => c.terminal !== terminal.index);
      const unused = elsewhere.filter((c) => !c.used);
      const from = unused.length > 0 && this.rng.chance(0.7) ? unused : elsewhere;
      if (from.length > 0) coupon = this.rng.pick(from);
      kind = 'coupon_use_elsewhere';
      allowed.push(
        'coupon_not_found',
        'coupon_already_used',
        'coupon_other_member',
        'coupon_online_only',
      );
    } else if (roll < 0.3) {
      // Used already, here or at another store: refused, unless this till has not heard of the
      // other store's use yet, in which case head office must catch the second redemption.
      const used = everywhere.filter((c) => c.used);
      if (used.length > 0) coupon = this.rng.pick(used);
      kind = 'coupon_use_again';
      allowed.push('coupon_already_used', 'coupon_not_found', 'coupon_other_member');
    } else {
      const unused = terminal.coupons.filter((c) => !c.used);
      if (unused.length > 0) coupon = this.rng.pick(unused);
    }
    if (!coupon) return this.issueCoupon(terminal);
    if (coupon.onlineOnly) allowed.push('coupon_online_only');
    // The holder is looked up as the cashier would, by card: after a merge that is the survivor,
    // and a coupon issued to the merged duplicate then belongs to "another member".
    let memberId: string | null = null;
    if (coupon.memberId) {
      const holder = call(terminal, 'member.get', { memberId: coupon.memberId });
      if (holder.ok) {
        const current = call(terminal, 'member.byCard', { cardNumber: holder.value.cardNumber });
        memberId = current.ok && current.value ? current.value.id : coupon.memberId;
        if (memberId !== coupon.memberId) allowed.push('coupon_other_member');
      } else {
        allowed.push('coupon_other_member');
      }
    }
    const receipt = this.recordSale(
      kind,
      terminal,
      { memberId, lines: this.basket(), redeemPoints: 0, couponCodes: [coupon.code] },
      allowed,
    );
    if (receipt) coupon.used = true;
  }

  private sellGiftCard(terminal: SimTerminal): void {
    const member = this.rng.chance(0.5) ? this.findMember(terminal) : null;
    const receipt = this.recordSale('gift_card_sale', terminal, {
      memberId: member?.id ?? null,
      lines: [
        {
          description: 'Gift card 禮品卡',
          quantity: 1,
          unitPriceMinor: this.rng.pick([10_000, 20_000, 50_000]),
          kind: 'gift_card',
        },
      ],
      redeemPoints: 0,
    });
    for (const card of receipt?.giftCards ?? []) {
      if (card.kind === 'sold') terminal.giftCards.push(card.code);
    }
  }

  private payWithGiftCard(terminal: SimTerminal): void {
    if (terminal.giftCards.length === 0) return this.sellGiftCard(terminal);
    const code = this.rng.pick(terminal.giftCards);
    const card = call(terminal, 'giftCard.balance', { code });
    if (!card.ok) {
      this.log.fail('gift_card_pay', terminal, `balance ${card.error.code}: ${card.error.message}`);
      return;
    }
    const lines = this.basket();
    const total = lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
    const balance = card.value.balanceMinor;
    if (balance === 0) {
      terminal.giftCards = terminal.giftCards.filter((c) => c !== code);
      return this.sale(terminal);
    }
    const overpay = this.rng.chance(0.1);
    const amountMinor = overpay ? balance + 100 : Math.min(total, this.rng.int(1, balance));
    const member = this.rng.chance(0.5) ? this.findMember(terminal) : null;
    this.recordSale(
      overpay ? 'gift_card_overpay' : 'gift_card_pay',
      terminal,
      {
        memberId: member?.id ?? null,
        lines,
        redeemPoints: 0,
        giftCardPayments: [{ code, amountMinor }],
      },
      overpay ? ['gift_card_insufficient', 'gift_card_exceeds_total'] : [],
    );
  }

  private profileEdit(memberId: string): ApiInput<'member.update'> {
    const edit: ApiInput<'member.update'> = { memberId };
    const fields = ['name', 'email', 'birthday', 'marketingConsent'] as const;
    const chosen = fields.filter(() => this.rng.chance(0.5));
    if (chosen.length === 0) chosen.push(this.rng.pick(fields));
    for (const field of chosen) {
      if (field === 'name') {
        edit.name = `${this.rng.pick(givenNames)} ${this.rng.pick(familyNames)} ${this.rng.int(1, 999)}`;
      } else if (field === 'email') {
        edit.email = this.rng.chance(0.2) ? '' : `m${this.rng.int(1, 99_999)}@example.com`;
      } else if (field === 'birthday') {
        edit.birthday = this.rng.chance(0.2)
          ? ''
          : `19${this.rng.int(50, 99)}-${String(this.rng.int(1, 12)).padStart(2, '0')}-${String(this.rng.int(1, 28)).padStart(2, '0')}`;
      } else {
        edit.marketingConsent = this.rng.chance(0.5);
      }
    }
    return edit;
  }

  /** A profile edit; often a second store edits the same member at about the same time. */
  private editProfile(terminal: SimTerminal): void {
    const member = this.findMember(terminal);
    if (!member) return this.enroll(terminal, false);
    this.expect(
      'profile_edit',
      terminal,
      call(terminal, 'member.update', this.profileEdit(member.id)),
    );
    if (this.world.terminals.length < 2 || !this.rng.chance(0.4)) return;
    const other = this.rng.pick(this.world.terminals.filter((t) => t.index !== terminal.index));
    if (!call(other, 'member.get', { memberId: member.id }).ok) return;
    this.expect(
      'profile_edit_elsewhere',
      other,
      call(other, 'member.update', this.profileEdit(member.id)),
    );
  }

  private adjustPoints(terminal: SimTerminal): void {
    const member = this.findMember(terminal);
    if (!member) return;
    const points = this.rng.chance(0.7) ? this.rng.int(10, 300) : -this.rng.int(10, 200);
    this.expect(
      'points_adjust',
      terminal,
      call(terminal, 'points.adjust', {
        memberId: member.id,
        points,
        reason: points > 0 ? 'goodwill' : 'correction',
        managerPin: MANAGER_PIN,
      }),
    );
  }

  /** Hours or weeks go by; some tills run their loyalty catch-up (expiry, tier reviews). */
  private timePasses(): void {
    const hours = this.rng.chance(0.8) ? this.rng.int(1, 36) : this.rng.int(3, 45) * 24;
    this.world.clock.advance(hours * 3_600_000);
    this.log.ok('time_passes');
    for (const terminal of this.world.terminals) {
      if (this.rng.chance(0.5))
        this.expect(
          'catch_up',
          terminal,
          call(terminal, 'loyalty.catchUp', { managerPin: MANAGER_PIN }),
        );
    }
  }

  /** A double-clicked confirm: the same sale id again must give back the first receipt. */
  private retrySale(terminal: SimTerminal): void {
    const last = terminal.lastSale;
    if (!last) return this.sale(terminal);
    const again = this.expect('sale_retry', terminal, call(terminal, 'sale.record', last.input));
    if (again && again.sale.number !== last.number) {
      this.log.retryDoubled += 1;
      this.log.fail(
        'sale_retry',
        terminal,
        `sale ${last.input.saleId} recorded again as ${again.sale.number} (first ${last.number})`,
      );
    }
  }

  /** A cashier logs a complaint for a member the till finds. */
  private logComplaint(terminal: SimTerminal): void {
    const member = this.findMember(terminal);
    if (!member) return this.sale(terminal);
    const logged = this.expect(
      'complaint_log',
      terminal,
      call(terminal, 'complaint.log', {
        memberId: member.id,
        contactName: null,
        contact: null,
        consentToContact: this.rng.chance(0.7),
        category: this.rng.pick(['service', 'product', 'loyalty', 'wait'] as const),
        severity: this.rng.pick(['low', 'medium', 'high'] as const),
        saleIds: [],
        whatHappened: this.rng.pick(complaintTexts),
        customerWants: this.rng.chance(0.5) ? 'An apology' : '',
      }),
    );
    if (logged) this.world.complaints.push({ id: logged.complaintId, terminal: terminal.index });
  }

  /**
   * A manager acknowledges, resolves, reopens or notes a complaint the till knows, from what it
   * last heard (a step the till's view no longer allows is refused); often another till (of the
   * same store or another, which may not have heard of it yet) steps it at about the same time.
   */
  private stepComplaint(terminal: SimTerminal): void {
    const opened = terminal.core.db
      .prepare(`SELECT complaint_id FROM complaint_event WHERE kind = 'opened'`)
      .all() as { complaint_id: string }[];
    const held = new Set(opened.map((r) => r.complaint_id));
    // In the order they were logged: the ids come from the OS, the choice must come from the seed.
    const known = this.world.complaints.filter((c) => held.has(c.id));
    if (known.length === 0) return this.logComplaint(terminal);
    const complaint = this.rng.pick(known);
    const tills = [terminal];
    if (this.world.terminals.length > 1 && this.rng.chance(0.4)) {
      tills.push(this.rng.pick(this.world.terminals.filter((t) => t.index !== terminal.index)));
    }
    for (const till of tills) {
      const step = this.rng.pick(complaintSteps);
      this.expect(
        `complaint_${step}`,
        till,
        call(till, 'complaint.step', {
          complaintId: complaint.id,
          step,
          note: step === 'responded' ? 'Called the customer back' : '',
          managerPin: MANAGER_PIN,
        }),
        // Not heard of here yet, or already past that step as far as this till knows.
        ['complaint_not_found', 'complaint_step_not_allowed'],
      );
    }
  }
}

const officeSteps = ['assigned', 'responded', 'resolved', 'reopened'] as const;

/**
 * Head office's complaint desk: an area manager assigns, answers, resolves or reopens a complaint
 * head office holds, through head office's real service (the admin route's), while the stores
 * may be stepping the same complaint offline.
 */
export async function officeStepsComplaint(world: World, rng: Rng, log: OpLog): Promise<void> {
  if (world.complaints.length === 0) return;
  const { rows } = await world.headOffice.db.query<{ complaint_id: string }>(
    `SELECT complaint_id FROM complaint_event WHERE kind = 'opened'`,
  );
  const held = new Set(rows.map((r) => r.complaint_id));
  // In the order they were logged: the ids come from the OS, the choice must come from the seed.
  const known = world.complaints.filter((c) => held.has(c.id));
  if (known.length === 0) return;
  const complaint = rng.pick(known);
  const step = rng.pick(officeSteps);
  const outcome = await world.headOffice.admin.stepComplaint('area manager', complaint.id, {
    step,
    note: step === 'responded' ? 'Apologised on the phone' : '',
    ...(step === 'assigned' ? { assignee: rng.pick(['Area manager', 'Customer care']) } : {}),
  });
  if (outcome.ok) log.ok(`office_complaint_${step}`);
  // Already past that step as far as head office knows (a till's steps may have arrived first).
  else if (outcome.error.code === 'complaint_step_not_allowed')
    log.refused(`office_complaint_${step}`, outcome.error.code);
  else {
    log.refused(`office_complaint_${step}`, 'UNEXPECTED');
    log.unexpected.push(`head office complaint ${step}: ${outcome.error.message}`);
  }
}
