import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import {
  TerminalScript,
  TestClock,
  enrollTerminal,
  giftCardsMatchLedger,
  pushOk,
  pushRejected,
  stateDigest,
} from '../testing/terminalScript';

describe.each(testDatabases)('gift cards and refund details on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let tillA: TerminalScript;
  let tillB: TerminalScript;

  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    clock = new TestClock();
    headOffice = await createHeadOffice(db, { now: clock.now });
    tillA = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'Central' }), clock);
    tillB = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'Sha Tin' }), clock);
  });

  async function exceptions(kind: string) {
    const result = await headOffice.admin.listExceptions({ kind });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.exceptions;
  }

  async function cardBalance(id: string) {
    const { rows } = await db.query<{ balance_minor: number; currency: string | null }>(
      'SELECT balance_minor, currency FROM gift_card WHERE id = $1',
      [id],
    );
    return rows[0];
  }

  it('keeps a chain-wide ledger per card and its balance', async () => {
    const card = tillA.giftCardSale(50_00);
    await pushOk(headOffice, tillA);
    expect(await cardBalance(card.giftCardId)).toEqual({ balance_minor: 50_00, currency: 'HKD' });

    const spend = tillB.sale({
      totalMinor: 80_00,
      giftCards: [{ ...card, amountMinor: 20_00, balanceMinor: 30_00 }],
    });
    tillB.refund(spend, null);
    await pushOk(headOffice, tillB);
    expect(await cardBalance(card.giftCardId)).toMatchObject({ balance_minor: 50_00 });
    const { rows } = await db.query<{
      kind: string;
      amount_minor: number;
      balance_after_minor: number;
      terminal_balance_minor: number;
      terminal_id: string;
    }>(
      `SELECT kind, amount_minor, balance_after_minor, terminal_balance_minor, terminal_id
       FROM stored_value_entry ORDER BY recorded_at, kind`,
    );
    expect(rows).toEqual([
      {
        kind: 'activate',
        amount_minor: 50_00,
        balance_after_minor: 50_00,
        terminal_balance_minor: 50_00,
        terminal_id: tillA.terminalId,
      },
      {
        kind: 'pay',
        amount_minor: -20_00,
        balance_after_minor: 30_00,
        terminal_balance_minor: 30_00,
        terminal_id: tillB.terminalId,
      },
      {
        kind: 'refund_pay',
        amount_minor: 20_00,
        balance_after_minor: 50_00,
        terminal_balance_minor: 50_00,
        terminal_id: tillB.terminalId,
      },
    ]);
    await giftCardsMatchLedger(headOffice);
  });

  it('keeps both sales when two offline terminals spend the same card, and raises the overdraft', async () => {
    const card = tillA.giftCardSale(50_00);
    await pushOk(headOffice, tillA);
    // Both stores are offline and each sees HK$50 on the card.
    const atA = tillA.sale({ giftCards: [{ ...card, amountMinor: 30_00, balanceMinor: 20_00 }] });
    const atB = tillB.sale({ giftCards: [{ ...card, amountMinor: 40_00, balanceMinor: 10_00 }] });

    const pushedA = await pushOk(headOffice, tillA, tillA.outbox.slice(1));
    expect(pushedA.outcomes.map((o) => o.outcome)).toEqual(['accepted']);
    const pushedB = await pushOk(headOffice, tillB);
    const [outcome] = pushedB.outcomes;
    expect(outcome).toMatchObject({ outcome: 'compensated', compensation: { kind: 'overdraft' } });
    expect(outcome?.compensation?.message).toContain(card.code);

    expect(await cardBalance(card.giftCardId)).toMatchObject({ balance_minor: -20_00 });
    const { rows: sales } = await db.query<{ id: string; gift_card_minor: number }>(
      'SELECT id, gift_card_minor FROM sale WHERE gift_card_minor > 0 ORDER BY gift_card_minor',
    );
    expect(sales).toEqual([
      { id: atA.saleId, gift_card_minor: 30_00 },
      { id: atB.saleId, gift_card_minor: 40_00 },
    ]);

    const [overdraft] = await exceptions('gift_card_overdraft');
    expect(overdraft).toMatchObject({
      id: outcome?.compensation?.exceptionId,
      status: 'open',
      saleId: atB.saleId,
      terminalId: tillB.terminalId,
      storeId: tillB.terminal.storeId,
      facts: {
        giftCardId: card.giftCardId,
        code: card.code,
        currency: 'HKD',
        entryKind: 'pay',
        amountMinor: -40_00,
        balanceBefore: 20_00,
        balanceAfter: -20_00,
        terminalBalanceAfter: 10_00,
        saleId: atB.saleId,
        storeName: 'Sha Tin',
        terminalNumber: tillB.terminal.auth.terminalNumber,
        otherDebits: [
          {
            amountMinor: -30_00,
            saleId: atA.saleId,
            terminalId: tillA.terminalId,
            storeName: 'Central',
          },
        ],
      },
    });
    expect(await exceptions('overdraft')).toHaveLength(0);

    // Delivering it again changes nothing; refunding the overdrawing sale puts the money back.
    const digest = await stateDigest(headOffice);
    await pushOk(headOffice, tillB);
    expect(await stateDigest(headOffice)).toEqual(digest);
    tillB.refund(atB, null);
    const refunded = await pushOk(headOffice, tillB, tillB.outbox.slice(1));
    expect(refunded.outcomes.map((o) => o.outcome)).toEqual(['accepted']);
    expect(await cardBalance(card.giftCardId)).toMatchObject({ balance_minor: 20_00 });
    expect(await exceptions('gift_card_overdraft')).toHaveLength(1);
    await giftCardsMatchLedger(headOffice);
  });

  it("stores a sale's gift-card share and earn base, and a refund's lines and money back", async () => {
    const card = tillA.giftCardSale(50_00);
    const sale = tillA.sale({
      totalMinor: 100_00,
      giftCards: [{ ...card, amountMinor: 25_00, balanceMinor: 25_00 }],
    });
    const refund = tillA.refund(sale, null);
    await pushOk(headOffice, tillA);
    const { rows } = await db.query<{
      id: string;
      paid_minor: number | null;
      gift_card_minor: number | null;
      earn_base_minor: number | null;
      lines: unknown;
    }>(
      `SELECT id, paid_minor, gift_card_minor, earn_base_minor, lines FROM sale
       WHERE id = ANY($1::uuid[]) ORDER BY kind DESC`,
      [[sale.saleId, refund.refundId]],
    );
    expect(rows).toEqual([
      {
        id: sale.saleId,
        paid_minor: 75_00,
        gift_card_minor: 25_00,
        earn_base_minor: 75_00,
        lines: [expect.objectContaining({ lineNo: 1, quantity: 2 })],
      },
      {
        id: refund.refundId,
        paid_minor: -75_00,
        gift_card_minor: null,
        earn_base_minor: null,
        lines: [{ lineNo: 1, quantity: 2 }],
      },
    ]);
  });

  it('accepts sales and refunds from terminals that send none of the new fields', async () => {
    const sale = tillA.sale({});
    const payload = sale.op.payload as Record<string, unknown>;
    for (const key of ['giftCardMinor', 'earnBaseMinor', 'couponUses', 'storedValueEntries']) {
      delete payload[key];
    }
    const refund = tillA.refund(sale, null);
    const refundPayload = refund.op.payload as Record<string, unknown>;
    for (const key of ['paidMinor', 'lines', 'couponUses', 'storedValueEntries']) {
      delete refundPayload[key];
    }
    const pushed = await pushOk(headOffice, tillA);
    expect(pushed.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
    const { rows } = await db.query<{ gift_card_minor: number | null; lines: unknown }>(
      'SELECT gift_card_minor, lines FROM sale WHERE id = $1',
      [refund.refundId],
    );
    expect(rows).toEqual([{ gift_card_minor: null, lines: [] }]);
  });

  it('rejects a gift-card entry of a kind it does not know', async () => {
    const card = tillA.giftCardSale(50_00);
    const entries = (card.op.payload as { storedValueEntries: { kind: string }[] })
      .storedValueEntries;
    for (const entry of entries) entry.kind = 'conjure';
    const response = await pushRejected(headOffice, tillA);
    expect(response.outcomes[0]?.compensation?.message).toMatch(/sale.recorded/);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM gift_card');
    expect(rows[0]?.n).toBe(0);
  });
});
