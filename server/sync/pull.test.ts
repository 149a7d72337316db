import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  pullResponse,
  pulledBalance,
  pulledConfig,
  pulledMember,
  type ProgramConfig,
  type PullResponse,
  type StreamName,
} from '../../shared/sync/protocol';
import { defaultProgram, type Program } from '../../shared/program';
import { uuidv7 } from '../../shared/ids';
import type { ComplaintEvent, ComplaintEventKind } from '../../shared/rules/complaint';
import { appendComplaintEvents } from '../voice/complaintLedger';
import { complaintEvent } from '../testing/complaintEvents';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { defaultProgramConfig } from '../admin/programConfig';
import { resetDatabase, testDatabases } from '../testing/databases';
import {
  TerminalScript,
  TestClock,
  enrollTerminal,
  pushOk,
  pushRejected,
  type EnrolledTerminal,
} from '../testing/terminalScript';

describe.each(testDatabases)('pull on $name', (testDb) => {
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

  async function pull(
    terminal: EnrolledTerminal,
    stream: StreamName,
    after = 0,
    limit = 1000,
  ): Promise<PullResponse> {
    const result = await headOffice.pull(terminal.auth, { stream, after, limit });
    if (!result.ok) throw new Error(result.error.message);
    expect(pullResponse.parse(result.value)).toEqual(result.value);
    return result.value;
  }

  it('pages a stream with cursors, in order and without gaps', async () => {
    for (let i = 0; i < 25; i++) {
      tillA.enrollMember({
        name: `Member ${i}`,
        phoneE164: `+852912345${String(i).padStart(2, '0')}`,
      });
    }
    await pushOk(headOffice, tillA, tillA.outbox.slice(0, 12));
    await pushOk(headOffice, tillA, tillA.outbox.slice(12));

    const pages: PullResponse[] = [];
    let cursor = 0;
    for (;;) {
      const page = await pull(tillB.terminal, 'members', cursor, 10);
      pages.push(page);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages.map((p) => [p.items.length, p.hasMore])).toEqual([
      [10, true],
      [10, true],
      [5, false],
    ]);
    const items = pages.flatMap((p) => p.items);
    expect(items.map((i) => i.seq)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(items.map((i) => pulledMember.parse(i.data).name)).toEqual(
      Array.from({ length: 25 }, (_, i) => `Member ${i}`),
    );
    expect(pages.map((p) => p.cursor)).toEqual([10, 20, 25]);
    expect(pulledMember.parse(items[0]?.data)).toMatchObject({
      enrolledStoreId: tillA.terminal.storeId,
      enrolledStoreName: 'Central',
      enrolledTerminalId: tillA.terminalId,
      mergedInto: null,
    });

    // Caught up: an empty page keeps the cursor where it was.
    const empty = await pull(tillB.terminal, 'members', 25, 10);
    expect(empty).toMatchObject({ items: [], cursor: 25, hasMore: false });
    const ahead = await pull(tillB.terminal, 'members', 1000, 10);
    expect(ahead).toMatchObject({ items: [], cursor: 1000, hasMore: false });
  });

  it("carries each member's referral code in the members stream", async () => {
    const amy = tillA.enrollMember({ name: 'Amy', phoneE164: '+85291234567' });
    const bob = tillA.enrollMember({
      name: 'Bob',
      phoneE164: '+85291234568',
      referredBy: amy.memberId,
    });
    // A terminal from before referrals sends neither field.
    const old = tillA.enrollMember({ name: 'Old', phoneE164: '+85291234569' });
    const payload = old.op.payload as Record<string, unknown>;
    delete payload.referralCode;
    delete payload.referredBy;
    await pushOk(headOffice, tillA);

    const page = await pull(tillB.terminal, 'members');
    const members = new Map(
      page.items.map((i) => pulledMember.parse(i.data)).map((m) => [m.id, m.referralCode]),
    );
    expect(members).toEqual(
      new Map([
        [amy.memberId, amy.referralCode],
        [bob.memberId, bob.referralCode],
        [old.memberId, null],
      ]),
    );
    const { rows } = await db.query<{ id: string; referred_by: string | null }>(
      'SELECT id, referred_by FROM member WHERE referred_by IS NOT NULL',
    );
    expect(rows).toEqual([{ id: bob.memberId, referred_by: amy.memberId }]);

    // A referral code longer than the wire allows is rejected, not cut short.
    const long = tillB.enrollMember({ name: 'Long', phoneE164: '+85291234560' });
    (long.op.payload as { referralCode: string }).referralCode = 'R'.repeat(41);
    await pushRejected(headOffice, tillB, [long.op]);
  });

  it("reports the pulling terminal's own high-water mark with balances that include its operations", async () => {
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    tillA.sale({ memberId: chan.memberId, earn: 100 });
    await pushOk(headOffice, tillA);
    tillB.sale({ memberId: chan.memberId, earn: 7 });
    tillB.sale({ memberId: chan.memberId, earn: 3 });
    await pushOk(headOffice, tillB, tillB.outbox.slice(0, 1));

    const forA = await pull(tillA.terminal, 'balances');
    const forB = await pull(tillB.terminal, 'balances');
    expect(forA.terminalHighWaterMark).toBe(2);
    expect(forB.terminalHighWaterMark).toBe(1);
    // Every item carries the balance as of the page, agreeing with the mark.
    expect(forB.items.map((i) => pulledBalance.parse(i.data))).toEqual([
      { memberId: chan.memberId, points: 107 },
      { memberId: chan.memberId, points: 107 },
    ]);
    // Till B adds its own operations after the mark on top: 107 + 3.
    await pushOk(headOffice, tillB);
    const next = await pull(tillB.terminal, 'balances', forB.cursor);
    expect(next.items.map((i) => i.data)).toEqual([{ memberId: chan.memberId, points: 110 }]);
    expect(next.terminalHighWaterMark).toBe(2);
  });

  it('serves the program configuration and every change an admin makes to it', async () => {
    const first = await pull(tillA.terminal, 'config');
    expect(first.items).toHaveLength(1);
    const initial = pulledConfig.parse(first.items[0]?.data);
    expect(initial).toEqual({
      program: defaultProgram,
      offlineRedemption: {
        maxPointsPerSaleOffline: 2000,
        maxPointsPerMemberOffline: 5000,
        maxOfflineHours: 72,
      },
      storeOverrides: false,
      version: 1,
      updatedAt: new Date(clock.ms).toISOString(),
    });
    expect(initial).toMatchObject(defaultProgramConfig);

    // The whole chain program, every section changed from the default.
    const program: Program = {
      earn: {
        points: 2,
        perSpendMinor: 1000,
        minimumSpendMinor: 500,
        rounding: 'round',
        multipliers: [{ match: 'tea', percent: 200 }],
        promotions: [
          {
            id: 'cny',
            name: 'Lunar New Year 新春',
            percent: 300,
            from: '2027-02-06',
            to: '2027-02-20',
            weekdays: [6, 7],
          },
        ],
      },
      tiers: {
        qualification: 'points',
        levels: [
          { id: 'jade', name: '玉 Jade', threshold: 0, earnPercent: 100, perks: '' },
          { id: 'gold', name: '金 Gold', threshold: 5000, earnPercent: 150, perks: 'Free tea' },
        ],
        reviewDate: '04-01',
        graceDays: 14,
      },
      expiry: { months: 24 },
      pending: { returnWindowDays: 7 },
      refunds: { spentPoints: 'reduce_cash' },
      redemption: { points: 200, valueMinor: 1000, minimumPoints: 100, maxSharePercent: 50 },
      giftCards: { expiryMonths: 36 },
      referrals: { referrerPoints: 100, refereePoints: 50, minimumSpendMinor: 10_000 },
      adjustments: { maxPoints: 2500 },
      feedback: { ...defaultProgram.feedback, scale: 'csat', samplingPercent: 25 },
      complaints: defaultProgram.complaints,
      coupons: {
        campaigns: [
          {
            id: 'welcome',
            name: 'Welcome 歡迎',
            kind: 'amount',
            percentOff: null,
            amountOffMinor: 2000,
            appliesTo: null,
            buyQuantity: null,
            getQuantity: null,
            minimumBasketMinor: 10_000,
            validFrom: null,
            validTo: null,
            validDays: 30,
            perMemberLimit: 1,
            totalLimit: 0,
            stackable: false,
            onlineOnly: true,
          },
        ],
        welcomeCampaignId: 'welcome',
        birthdayCampaignId: null,
        nextOrder: { spendMinor: 50_000, campaignId: 'welcome' },
      },
    };
    const next: ProgramConfig = {
      program,
      storeOverrides: false,
      offlineRedemption: {
        maxPointsPerSaleOffline: 500,
        maxPointsPerMemberOffline: 1000,
        maxOfflineHours: 12,
      },
    };
    clock.advance(1000);
    const set = await headOffice.admin.setConfig('admin', next);
    expect(set).toEqual({
      ok: true,
      value: { ...next, version: 2, updatedAt: new Date(clock.ms).toISOString() },
    });
    expect(await headOffice.admin.getConfig()).toEqual(set);

    const refusals: unknown[] = [
      { ...next, offlineRedemption: { ...next.offlineRedemption, maxOfflineHours: -1 } },
      { ...next, surprise: 1 },
      // The old points rule is gone: head office's program says how points are earned.
      {
        ...next,
        pointsRule: {
          earnPoints: 1,
          earnSpendMinor: 100,
          redeemPoints: 100,
          redeemValueMinor: 500,
        },
      },
      { offlineRedemption: next.offlineRedemption },
      { ...next, program: { ...program, tiers: { ...program.tiers, levels: [] } } },
      {
        ...next,
        program: { ...program, coupons: { ...program.coupons, birthdayCampaignId: 'nope' } },
      },
    ];
    for (const body of refusals) {
      expect(await headOffice.admin.setConfig('admin', body)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }

    clock.advance(1000);
    const policyOnly = {
      ...next,
      offlineRedemption: { ...next.offlineRedemption, maxOfflineHours: 0 },
    };
    expect(await headOffice.admin.setConfig('admin', policyOnly)).toMatchObject({
      ok: true,
      value: { version: 3 },
    });

    const after = await pull(tillA.terminal, 'config', first.cursor);
    expect(after.items.map((i) => pulledConfig.parse(i.data))).toEqual([
      { ...next, version: 2, updatedAt: new Date(clock.ms - 1000).toISOString() },
      { ...policyOnly, version: 3, updatedAt: new Date(clock.ms).toISOString() },
    ]);
    // A restart does not append the defaults again.
    await createHeadOffice(db, { now: clock.now });
    expect((await pull(tillA.terminal, 'config', after.cursor)).items).toEqual([]);
    expect(await headOffice.admin.getConfig()).toMatchObject({ ok: true, value: { version: 3 } });
  });

  it('brings a configuration written by an older head office up to date, as a new version', async () => {
    const policy = {
      maxPointsPerSaleOffline: 300,
      maxPointsPerMemberOffline: 900,
      maxOfflineHours: 6,
    };
    await db.query('UPDATE program_config SET data = $1::jsonb', [
      JSON.stringify({
        pointsRule: {
          earnPoints: 1,
          earnSpendMinor: 100,
          redeemPoints: 100,
          redeemValueMinor: 500,
        },
        offlineRedemption: policy,
      }),
    ]);
    clock.advance(1000);
    await createHeadOffice(db, { now: clock.now });
    const config = await headOffice.admin.getConfig();
    expect(config).toEqual({
      ok: true,
      value: {
        program: defaultProgram,
        offlineRedemption: policy,
        storeOverrides: false,
        version: 2,
        updatedAt: new Date(clock.ms).toISOString(),
      },
    });
    const stream = await pull(tillA.terminal, 'config');
    expect(stream.items.map((i) => pulledConfig.parse(i.data).version)).toEqual([1, 2]);
    // Once upgraded, a restart leaves it alone.
    await createHeadOffice(db, { now: clock.now });
    expect(await headOffice.admin.getConfig()).toMatchObject({ ok: true, value: { version: 2 } });
  });

  it("records a store manager's program change at a terminal without adopting it", async () => {
    const local = {
      ...defaultProgram,
      earn: { ...defaultProgram.earn, points: 5 },
    };
    tillA.programUpdated(7, local);
    tillA.programUpdated(8, { not: 'a program' });
    const pushed = await pushOk(headOffice, tillA);
    expect(pushed.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);

    // Head office's configuration is unchanged, and nothing new went out on the config stream.
    expect(await headOffice.admin.getConfig()).toMatchObject({
      ok: true,
      value: { version: 1, program: defaultProgram },
    });
    expect((await pull(tillB.terminal, 'config')).items).toHaveLength(1);

    const { rows: audit } = await db.query<{ actor: string; subject: string; details: unknown }>(
      `SELECT actor, subject, details FROM audit_log
       WHERE action = 'program.updated_at_terminal' ORDER BY id`,
    );
    expect(audit).toEqual([
      {
        actor: `terminal:${tillA.terminalId}`,
        subject: tillA.terminal.storeId,
        details: expect.objectContaining({
          adopted: false,
          valid: true,
          terminalVersion: 7,
          terminalNumber: tillA.terminal.auth.terminalNumber,
          storeName: 'Central',
          program: local,
        }),
      },
      {
        actor: `terminal:${tillA.terminalId}`,
        subject: tillA.terminal.storeId,
        details: expect.objectContaining({ valid: false, terminalVersion: 8 }),
      },
    ]);
    const { rows: stored } = await db.query<{ payload: unknown }>(
      "SELECT payload FROM sync_op WHERE type = 'program.updated' ORDER BY seq",
    );
    expect(stored[0]?.payload).toEqual({ version: 7, program: local });
    await pushRejected(headOffice, tillA, [tillA.other('program.updated', { program: local })]);
  });

  it('serves an empty coupons stream', async () => {
    expect(await pull(tillA.terminal, 'coupons')).toMatchObject({
      stream: 'coupons',
      items: [],
      cursor: 0,
      hasMore: false,
    });
  });

  it('refuses hostile pull requests', async () => {
    const bodies: unknown[] = [
      undefined,
      {},
      { stream: 'secrets', after: 0, limit: 10 },
      { stream: 'members', after: -1, limit: 10 },
      { stream: 'members', after: 0, limit: 0 },
      { stream: 'members', after: 0, limit: 1001 },
      { stream: 'members', after: '0', limit: 10 },
      { stream: 'members', after: 0, limit: 10, since: 'yesterday' },
    ];
    for (const body of bodies) {
      expect(await headOffice.pull(tillA.terminal.auth, body)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });

  it('never lets a cursor pass a change that commits later (concurrent pushes)', async () => {
    const terminals = [tillA, tillB];
    for (let i = 0; i < 2; i++) {
      terminals.push(
        new TerminalScript(await enrollTerminal(headOffice, { storeName: `S${i}` }), clock),
      );
    }
    const members = terminals.map((t, i) =>
      t.enrollMember({ name: `M${i}`, phoneE164: `+8529000000${i}` }),
    );
    terminals.forEach((t, i) => {
      for (let k = 0; k < 30; k++) t.sale({ memberId: members[i]?.memberId, earn: 1 });
    });

    let pushing = true;
    const seen: number[] = [];
    const puller = (async () => {
      let cursor = 0;
      for (;;) {
        const stillPushing = pushing;
        const page = await pull(tillA.terminal, 'balances', cursor, 7);
        for (const item of page.items) seen.push(item.seq);
        cursor = page.cursor;
        if (!stillPushing && !page.hasMore) break;
      }
    })();
    await Promise.all(
      terminals.map(async (t) => {
        for (let from = 0; from < t.outbox.length; from += 4) {
          await pushOk(headOffice, t, t.outbox.slice(from, from + 4));
        }
      }),
    );
    pushing = false;
    await puller;
    const { rows } = await db.query<{ seq: number }>(
      "SELECT seq FROM stream_counter WHERE stream = 'balances'",
    );
    const total = rows[0]?.seq ?? 0;
    expect(total).toBe(4 * 30);
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const final = await pull(tillA.terminal, 'balances', total - 4, 1000);
    expect(final.items.map((i) => (i.data as { points: number }).points)).toEqual([30, 30, 30, 30]);
  }, 60_000);

  it('sends a complaint only to the tills of its own store, and moves every cursor past the rest', async () => {
    let hlcSeq = 0;
    const event = (
      complaintId: string,
      kind: ComplaintEventKind,
      at: EnrolledTerminal | 'head office',
    ): ComplaintEvent =>
      complaintEvent({
        complaintId,
        kind,
        at: new Date(clock.now()).toISOString(),
        hlc: `${String(clock.now()).padStart(15, '0')}-${String(hlcSeq++).padStart(5, '0')}-t`,
        till: at === 'head office' ? null : at.auth,
      });
    const central = uuidv7();
    const shaTin = uuidv7();
    const log = (events: ComplaintEvent[]) =>
      db.transaction((tx) =>
        appendComplaintEvents(tx, events, new Date(clock.now()).toISOString(), null),
      );
    await log([event(central, 'opened', tillA.terminal)]);
    await log([event(shaTin, 'opened', tillB.terminal)]);
    // Head office's step carries no store: it follows the complaint's.
    await log([event(central, 'acknowledged', 'head office')]);
    await log([event(shaTin, 'acknowledged', 'head office')]);

    const ids = (page: PullResponse) =>
      page.items.map((i) => (i.data as ComplaintEvent).complaintId);
    const atCentral = await pull(tillA.terminal, 'complaints');
    expect(ids(atCentral)).toEqual([central, central]);
    const atShaTin = await pull(tillB.terminal, 'complaints');
    expect(ids(atShaTin)).toEqual([shaTin, shaTin]);
    // Both cursors end past all four events, whichever they were sent.
    expect(atCentral.cursor).toBe(atShaTin.cursor);
    expect(atShaTin.items.at(-1)?.seq).toBe(atShaTin.cursor);
    expect(atCentral.items.at(-1)?.seq).toBeLessThan(atCentral.cursor);
    // A page holding only another store's event is empty, and still moves the cursor on.
    const first = atCentral.items[0]!.seq;
    const other = await pull(tillA.terminal, 'complaints', first, 1);
    expect(other.items).toEqual([]);
    expect(other.cursor).toBe(atShaTin.items[0]!.seq);
    expect(other.hasMore).toBe(true);
  });
});
