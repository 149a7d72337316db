import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member, Receipt, SalePreview } from '../../shared/domain';
import type { CampaignResults, CampaignView } from '../../shared/office/campaigns';
import type { Database } from '../../server/db/database';
import { createHeadOffice, type HeadOffice } from '../../server/headOffice';
import { buildServer } from '../../server/http/server';
import { assignmentBucket } from '../../server/campaigns/assignment';
import { testDatabases } from '../../server/testing/databases';
import { enrollTerminal } from '../../electron/core/sync/enrollTerminal';
import { pendingCount } from '../../electron/core/sync/pushOutbox';
import { SyncWorker } from '../../electron/core/sync/syncWorker';
import { httpTransport } from '../../electron/core/sync/transport';
import { applyPullPage } from '../../electron/core/sync/applyPull';
import { enroll, goods, hongKong, makeClock, sell, type TestClock } from './helpers/loyalty';
import { openTestCore, unwrap, type TestCore } from './helpers/terminal';

/**
 * A double-points campaign from head office to an offline counter and back (issue 15 §5):
 * a segment is saved and counted, a campaign with a 10 % holdout is launched, the assignments
 * reach a real terminal ledger on the offers stream, the terminal goes offline, a treated member
 * earns double and the receipt says so, a holdout member earns single; after sync head office
 * agrees with both figures (no exception), and its results count each arm. A holdout member who
 * gets the offer anyway (a forged offer item) is priced back to single and counted as
 * contamination.
 *
 * The default program: HK$1 earns 1 point. Every sale here is HK$100.00.
 */
const WEEK = { from: '2030-06-10', to: '2030-06-16' };

const ok = <T>(outcome: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
};

describe.each(testDatabases)('a double-points campaign at the counter ($name)', (testDb) => {
  let db: Database;
  let headOffice: HeadOffice;
  let close: () => Promise<void>;
  let core: TestCore;
  let clock: TestClock;
  let worker: SyncWorker;
  let campaign: CampaignView;
  let treated: Member;
  let holdout: Member;
  let contaminated: Member;
  let treatedReceipt: Receipt;
  let holdoutReceipt: Receipt;
  let contaminatedReceipt: Receipt;
  let members: Member[];
  /** How many members the hash holds out: at least two, more if the first twelve hold more. */
  let held: number;

  async function sync(): Promise<void> {
    expect(await worker.runOnce()).toBe('synced');
    expect(pendingCount(core.db)).toBe(0);
  }

  beforeAll(async () => {
    clock = makeClock(hongKong('2030-06-09 09:00'));
    db = await testDb.open();
    headOffice = await createHeadOffice(db, { now: clock.now });
    const app = await buildServer(headOffice);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();
    const store = ok(await headOffice.admin.createStore('test', { name: 'Causeway Bay' }));
    const code = ok(await headOffice.admin.createEnrollmentCode('test', store.id, {}));
    core = openTestCore({ now: clock.now });
    await enrollTerminal(core.ctx, httpTransport(url), core.credentials, {
      serverUrl: url,
      code: code.code,
    });
    worker = new SyncWorker(core.ctx, {
      transport: httpTransport(url),
      credentials: core.credentials,
    });
    members = [];
    for (let i = 0; i < 12; i += 1) members.push(enroll(core, { name: `Member ${i}` }));
    await sync();
  }, 120_000);

  afterAll(async () => {
    core?.cleanup();
    await close?.();
    await db?.close();
  });

  it('saves a segment of every member enrolled in June 2030 and counts them', async () => {
    const segment = ok(
      await headOffice.campaigns.saveSegment('test', {
        name: 'June joiners',
        definition: { enrolled: { from: '2030-06-01', to: '2030-06-30' } },
      }),
    );
    expect(segment.count).toBe(12);
    campaign = ok(
      await headOffice.campaigns.createCampaign('test', {
        name: 'Double week',
        segmentId: segment.id,
        variants: [
          {
            name: 'Double points',
            weight: 1,
            offer: { kind: 'multiplier', percent: 200, ...WEEK },
          },
        ],
      }),
    );
    expect(campaign.holdoutBasisPoints).toBe(1000);
    // The arm is a hash of campaign and member: enroll until two members fall in the holdout
    // (one to stay clean, one to be contaminated), so the test never depends on luck. The first
    // twelve may already hold more than two; every figure below counts them all.
    const inHoldout = () =>
      members.filter((m) => assignmentBucket(campaign.id, m.id) < campaign.holdoutBasisPoints);
    while (inHoldout().length < 2) members.push(enroll(core, { name: 'Late joiner' }));
    await sync();
    [holdout, contaminated] = inHoldout() as [Member, Member];
    held = inHoldout().length;
    treated = members.find((m) => !inHoldout().includes(m)) as Member;
  });

  it('launches: every member assigned, 10 % held out by hash, offers pulled by the terminal', async () => {
    clock.set(hongKong('2030-06-10 08:00'));
    campaign = ok(await headOffice.campaigns.launchCampaign('test', campaign.id));
    expect(campaign.status).toBe('running');
    const arms = Object.fromEntries(campaign.assigned.map((a) => [a.arm, a.members]));
    expect(arms.holdout).toBe(held);
    expect(arms[campaign.variants[0]!.id]).toBe(members.length - held);
    // Launching twice is refused; nothing moves.
    const again = await headOffice.campaigns.launchCampaign('test', campaign.id);
    expect(again.ok ? null : again.error.code).toBe('campaign_not_draft');
    await sync();
    const offers = core.db
      .prepare('SELECT member_id FROM member_offer WHERE withdrawn = 0 ORDER BY member_id')
      .all() as { member_id: string }[];
    expect(offers).toHaveLength(members.length - held);
    expect(offers.map((o) => o.member_id)).not.toContain(holdout.id);
  });

  it('offline, the treated member earns double and the receipt says so; the holdout earns single', () => {
    clock.set(hongKong('2030-06-11 12:00'));
    core.ctx.connectivity.online = false;
    const shown = unwrap(
      core.dispatch('sale.preview', {
        memberId: treated.id,
        lines: [goods(10_000)],
        redeemPoints: 0,
      }),
    ) as SalePreview;
    expect(shown.campaignOffer?.percent).toBe(200);
    treatedReceipt = sell(core, { memberId: treated.id, lines: [goods(10_000)] });
    expect(treatedReceipt.sale.pointsEarned).toBe(200);
    expect(treatedReceipt.campaignOffer).toEqual({
      campaignName: 'Double week',
      percent: 200,
      to: null,
    });

    holdoutReceipt = sell(core, { memberId: holdout.id, lines: [goods(10_000)] });
    expect(holdoutReceipt.sale.pointsEarned).toBe(100);
    expect(holdoutReceipt.campaignOffer).toBeNull();

    // A forged offer item for the other holdout member: the counter gives it (it cannot know)...
    applyPullPage(core.db, {
      stream: 'offers',
      items: [
        {
          seq: 1_000_000,
          stream: 'offers',
          data: {
            campaignId: campaign.id,
            variantId: campaign.variants[0]!.id,
            memberId: contaminated.id,
            campaignName: 'Double week',
            percent: 200,
            ...WEEK,
            withdrawn: false,
          },
        },
      ],
      cursor: 0,
      hasMore: false,
      terminalHighWaterMark: 0,
      serverTime: clock.iso(),
    });
    contaminatedReceipt = sell(core, { memberId: contaminated.id, lines: [goods(10_000)] });
    expect(contaminatedReceipt.sale.pointsEarned).toBe(200);
  });

  it('after sync head office agrees with the treated and holdout figures, and prices the forged offer back', async () => {
    clock.set(hongKong('2030-06-11 13:00'));
    await sync();
    const balance = async (memberId: string) =>
      Number(
        (
          await db.query<{ points: string }>(
            'SELECT points FROM member_balance WHERE member_id = $1',
            [memberId],
          )
        ).rows[0]?.points ?? 0,
      );
    expect(await balance(treated.id)).toBe(200);
    expect(await balance(holdout.id)).toBe(100);
    expect(await balance(contaminated.id)).toBe(100);
    const exceptions = ok(await headOffice.admin.listExceptions({ status: 'open' }));
    const mismatches = exceptions.exceptions.filter((e) => e.kind === 'points_mismatch');
    expect(mismatches).toHaveLength(1);
    expect(JSON.stringify(mismatches[0])).toContain(contaminatedReceipt.sale.id);
  });

  it('counts each arm in the results, the forged offer as contamination', async () => {
    clock.set(hongKong('2030-06-30 09:00'));
    const results: CampaignResults = ok(await headOffice.campaigns.campaignResults(campaign.id));
    expect(results.holdout).toMatchObject({ members: held, converted: 2, redeemed: 1 });
    expect(results.contamination).toBe(1);
    // Its money figures are in the currency its window's sales were rung up in.
    expect(results.currency).toBe('HKD');
    const [variant] = results.variants;
    expect(variant?.totals).toMatchObject({
      members: members.length - held,
      converted: 1,
      redeemed: 1,
    });
    expect(variant?.totals.spendMeanMinor).toBeCloseTo(10_000 / (members.length - held), 6);
    expect(results.holdout.spendMeanMinor).toBeCloseTo(20_000 / held, 6);
    expect(variant?.conversion?.estimate).toBeCloseTo(1 / (members.length - held) - 2 / held, 10);
  });
});
