import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeHlc } from '../../shared/hlc';
import { pulledMember } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import {
  TerminalScript,
  TestClock,
  balanceOf,
  balancesMatchLedger,
  enrollTerminal,
  pushOk,
} from '../testing/terminalScript';

describe.each(testDatabases)('conflicts between terminals on $name', (testDb) => {
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

  async function member(id: string) {
    const { rows } = await db.query<{
      name: string;
      email: string | null;
      merged_into: string | null;
      hlc: string;
      name_hlc: string;
      email_hlc: string;
    }>('SELECT name, email, merged_into, hlc, name_hlc, email_hlc FROM member WHERE id = $1', [id]);
    return rows[0];
  }

  async function pulledMembers() {
    const page = await headOffice.pull(tillA.terminal.auth, {
      stream: 'members',
      after: 0,
      limit: 100,
    });
    if (!page.ok) throw new Error(page.error.message);
    return page.value.items.map((item) => pulledMember.parse(item.data));
  }

  describe('duplicate enrollment', () => {
    it('merges the later member into the first, keeping both histories and one balance', async () => {
      // Both stores are offline and enroll the same customer.
      const atA = tillA.enrollMember({ name: 'Chan Tai Man', phoneE164: '+85291234567' });
      tillA.sale({ memberId: atA.memberId, earn: 100 });
      const atB = tillB.enrollMember({ name: 'Chan T.M.', phoneE164: '+85291234567' });
      tillB.sale({ memberId: atB.memberId, earn: 40 });

      const pushedA = await pushOk(headOffice, tillA);
      expect(pushedA.outcomes.every((o) => o.outcome === 'accepted')).toBe(true);
      const pushedB = await pushOk(headOffice, tillB);
      const merged = pushedB.outcomes[0];
      expect(merged).toMatchObject({
        outcome: 'compensated',
        compensation: { kind: 'member_merged' },
      });
      expect(merged?.compensation?.message).toContain(atA.cardNumber);
      expect(pushedB.outcomes[1]?.outcome).toBe('accepted');

      expect((await member(atB.memberId))?.merged_into).toBe(atA.memberId);
      expect((await member(atA.memberId))?.merged_into).toBeNull();
      expect(await balanceOf(headOffice, atA.memberId)).toBe(140);
      expect(await balanceOf(headOffice, atB.memberId)).toBe(0);
      const { rows: history } = await db.query<{ member_id: string; points: number }>(
        'SELECT member_id, points FROM points_entry ORDER BY points',
      );
      expect(history).toEqual([
        { member_id: atB.memberId, points: 40 },
        { member_id: atA.memberId, points: 100 },
      ]);
      await balancesMatchLedger(headOffice);

      const [exception] = await exceptions('member_merged');
      expect(exception).toMatchObject({
        id: merged?.compensation?.exceptionId,
        status: 'open',
        memberId: atA.memberId,
        terminalId: tillB.terminalId,
        facts: {
          phoneE164: '+85291234567',
          survivor: {
            id: atA.memberId,
            name: 'Chan Tai Man',
            storeName: 'Central',
            terminalId: tillA.terminalId,
          },
          merged: {
            id: atB.memberId,
            name: 'Chan T.M.',
            storeName: 'Sha Tin',
            terminalId: tillB.terminalId,
          },
        },
      });

      // Terminals learn it from the members stream: the merged member points at the survivor.
      const members = await pulledMembers();
      const latest = new Map(members.map((m) => [m.id, m]));
      expect(latest.get(atB.memberId)?.mergedInto).toBe(atA.memberId);
      expect(latest.get(atA.memberId)?.mergedInto).toBeNull();

      // Till B has not pulled yet and keeps selling to its copy: the points reach the survivor.
      tillB.sale({ memberId: atB.memberId, redeem: 100, earn: 5 });
      const later = await pushOk(headOffice, tillB, tillB.outbox.slice(2));
      expect(later.outcomes[0]?.outcome).toBe('accepted');
      expect(await balanceOf(headOffice, atA.memberId)).toBe(45);
      await balancesMatchLedger(headOffice);
    });

    it('moves points that reached head office before the enrollment they belong to', async () => {
      const first = tillA.enrollMember({ name: 'Wong', phoneE164: '+85261234567' });
      await pushOk(headOffice, tillA);
      // Till B's enrollment is stuck behind a gap while a sale naming that member arrives.
      const late = tillB.enrollMember({ name: 'Wong K.', phoneE164: '+85261234567' });
      const early = new TerminalScript(tillA.terminal, clock);
      early.outbox.push(...tillA.outbox);
      early.sale({ memberId: late.memberId, earn: 25 });
      const unknown = await pushOk(headOffice, early, early.outbox.slice(1));
      expect(unknown.outcomes[0]).toMatchObject({
        outcome: 'compensated',
        compensation: { kind: 'unknown_member' },
      });
      expect(await exceptions('unknown_member')).toHaveLength(1);
      expect(await balanceOf(headOffice, late.memberId)).toBe(25);

      await pushOk(headOffice, tillB);
      expect(await balanceOf(headOffice, late.memberId)).toBe(0);
      expect(await balanceOf(headOffice, first.memberId)).toBe(25);
      await balancesMatchLedger(headOffice);
    });

    it('lets two different phones be two members', async () => {
      tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
      tillB.enrollMember({ name: 'Chan', phoneE164: '+85291234568' });
      await pushOk(headOffice, tillA);
      const pushed = await pushOk(headOffice, tillB);
      expect(pushed.outcomes[0]?.outcome).toBe('accepted');
      expect(await exceptions('member_merged')).toHaveLength(0);
    });
  });

  describe('profile edits', () => {
    const at = (ms: number, node: string) => encodeHlc({ ms, counter: 0, node });

    it('keeps the latest edit per field by hybrid logical clock, whatever the arrival order', async () => {
      const chan = tillA.enrollMember({
        name: 'Chan',
        phoneE164: '+85291234567',
        email: 'old@x.hk',
      });
      await pushOk(headOffice, tillA);
      const t = clock.ms;
      // Till B edits the email later than till A edits name and email, but arrives first.
      tillB.updateMember(chan.memberId, { email: 'b@x.hk' }, at(t + 2000, tillB.terminalId));
      tillA.updateMember(
        chan.memberId,
        { name: 'Chan Tai Man', email: 'a@x.hk' },
        at(t + 1000, tillA.terminalId),
      );
      const fromB = await pushOk(headOffice, tillB);
      const fromA = await pushOk(headOffice, tillA, tillA.outbox.slice(1));
      expect(fromB.outcomes[0]?.outcome).toBe('accepted');
      // The losing email edit is still accepted: it happened, it just lost.
      expect(fromA.outcomes[0]?.outcome).toBe('accepted');
      expect(await member(chan.memberId)).toMatchObject({
        name: 'Chan Tai Man',
        email: 'b@x.hk',
        name_hlc: at(t + 1000, tillA.terminalId),
        email_hlc: at(t + 2000, tillB.terminalId),
        hlc: at(t + 2000, tillB.terminalId),
      });

      // A later edit of the name wins; an older one changes nothing (and publishes nothing).
      tillA.updateMember(chan.memberId, { name: 'Chan T M' }, at(t + 3000, tillA.terminalId));
      tillB.updateMember(chan.memberId, { name: 'Stale' }, at(t + 500, tillB.terminalId));
      await pushOk(headOffice, tillA, tillA.outbox.slice(2));
      const { rows: before } = await db.query<{ seq: number }>(
        "SELECT seq FROM stream_counter WHERE stream = 'members'",
      );
      await pushOk(headOffice, tillB, tillB.outbox.slice(1));
      const { rows: after } = await db.query<{ seq: number }>(
        "SELECT seq FROM stream_counter WHERE stream = 'members'",
      );
      expect(after).toEqual(before);
      expect((await member(chan.memberId))?.name).toBe('Chan T M');
      const latest = (await pulledMembers()).at(-1);
      expect(latest).toMatchObject({
        name: 'Chan T M',
        email: 'b@x.hk',
        hlc: at(t + 3000, tillA.terminalId),
      });
    });

    it('applies an edit of a merged member to the survivor, and reports an unknown one', async () => {
      const first = tillA.enrollMember({ name: 'Ho', phoneE164: '+85251234567' });
      await pushOk(headOffice, tillA);
      const copy = tillB.enrollMember({ name: 'Ho Ka Yan', phoneE164: '+85251234567' });
      tillB.updateMember(copy.memberId, { email: 'ho@x.hk' });
      tillB.updateMember('01900000-0000-7000-8000-00000000dead', { name: 'Nobody' });
      const pushed = await pushOk(headOffice, tillB);
      expect(pushed.outcomes.map((o) => o.compensation?.kind ?? o.outcome)).toEqual([
        'member_merged',
        'accepted',
        'unknown_member',
      ]);
      expect((await member(first.memberId))?.email).toBe('ho@x.hk');
    });
  });

  describe('overdrafts', () => {
    it('keeps both sales when two terminals spend the same balance, and raises one exception per overdrawing sale', async () => {
      const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
      tillA.sale({ memberId: chan.memberId, earn: 500 });
      await pushOk(headOffice, tillA);
      // Both terminals go offline, each sees 500 points, each lets Chan spend.
      const atA = tillA.sale({ memberId: chan.memberId, redeem: 400, offline: true });
      const atB = tillB.sale({ memberId: chan.memberId, redeem: 300, offline: true });
      const second = tillB.sale({ memberId: chan.memberId, redeem: 50, offline: true });
      tillB.sale({ memberId: chan.memberId, earn: 10 });

      const pushedA = await pushOk(headOffice, tillA, tillA.outbox.slice(2));
      expect(pushedA.outcomes[0]?.outcome).toBe('accepted');
      const pushedB = await pushOk(headOffice, tillB);
      expect(pushedB.outcomes.map((o) => o.compensation?.kind ?? o.outcome)).toEqual([
        'overdraft',
        'overdraft',
        'accepted',
      ]);
      expect(pushedB.outcomes[0]?.compensation?.message).toMatch(/-200/);

      const { rows: sales } = await db.query<{
        id: string;
        points_redeemed: number;
        offline: boolean;
      }>(
        'SELECT id, points_redeemed, offline FROM sale WHERE points_redeemed > 0 ORDER BY points_redeemed',
      );
      expect(sales).toEqual([
        { id: second.saleId, points_redeemed: 50, offline: true },
        { id: atB.saleId, points_redeemed: 300, offline: true },
        { id: atA.saleId, points_redeemed: 400, offline: true },
      ]);
      expect(await balanceOf(headOffice, chan.memberId)).toBe(-240);

      const overdrafts = await exceptions('overdraft');
      expect(overdrafts).toHaveLength(2);
      expect(overdrafts[0]).toMatchObject({
        id: pushedB.outcomes[0]?.compensation?.exceptionId,
        saleId: atB.saleId,
        memberId: chan.memberId,
        storeId: tillB.terminal.storeId,
        terminalId: tillB.terminalId,
        facts: {
          memberName: 'Chan',
          cardNumber: chan.cardNumber,
          saleId: atB.saleId,
          storeName: 'Sha Tin',
          terminalNumber: tillB.terminal.auth.terminalNumber,
          balanceBefore: 100,
          balanceAfter: -200,
          pointsRedeemed: 300,
          offline: true,
        },
      });
      expect(overdrafts[1]?.facts).toMatchObject({ balanceBefore: -200, balanceAfter: -250 });

      // Delivering B's batch again raises nothing new.
      await pushOk(headOffice, tillB);
      expect(await exceptions('overdraft')).toHaveLength(2);
      await balancesMatchLedger(headOffice);
    });

    it('does not call a refund or an earning sale an overdraft', async () => {
      const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
      const sale = tillA.sale({ memberId: chan.memberId, earn: 100 });
      tillA.sale({ memberId: chan.memberId, redeem: 100 });
      // Refunding the earning sale leaves a debt: that is the refund rule, not an overdraft.
      tillA.refund(sale, chan.memberId);
      tillA.sale({ memberId: chan.memberId, earn: 20 });
      const pushed = await pushOk(headOffice, tillA);
      expect(pushed.outcomes.every((o) => o.outcome === 'accepted')).toBe(true);
      expect(await balanceOf(headOffice, chan.memberId)).toBe(-80);
      const { rows } = await db.query<{
        kind: string;
        refund_of: string | null;
        points_earned: number;
      }>("SELECT kind, refund_of, points_earned FROM sale WHERE kind = 'refund'");
      expect(rows).toEqual([{ kind: 'refund', refund_of: sale.saleId, points_earned: -100 }]);
    });
  });

  it('records how a terminal is set up, and raises an exception for a card number minted twice', async () => {
    tillA.configured(tillA.terminal.auth.terminalNumber === 12345 ? 12346 : 12345);
    tillB.configured();
    expect((await pushOk(headOffice, tillA)).outcomes[0]?.outcome).toBe('accepted');
    await pushOk(headOffice, tillB);
    const terminals = await headOffice.admin.listTerminals();
    const b = terminals.ok
      ? terminals.value.terminals.find((t) => t.id === tillB.terminalId)
      : null;
    expect(b?.configured).toMatchObject({ timeZone: 'Asia/Hong_Kong', currency: 'HKD' });

    // Till B minted a card before enrollment with a number that is now till A's.
    const first = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    const clash = tillB.enrollMember({ name: 'Lee', phoneE164: '+85291234568' });
    (clash.op.payload as { cardNumber: string }).cardNumber = first.cardNumber;
    await pushOk(headOffice, tillA);
    const pushed = await pushOk(headOffice, tillB);
    expect(pushed.outcomes.at(-1)?.outcome).toBe('accepted');
    const [duplicate] = await exceptions('duplicate_card_number');
    expect(duplicate).toMatchObject({
      memberId: clash.memberId,
      facts: {
        cardNumber: first.cardNumber,
        holder: { id: first.memberId },
        newcomer: { id: clash.memberId },
      },
    });
  });
});
