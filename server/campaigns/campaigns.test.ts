import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import type { HeadOffice } from '../headOffice';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';

/**
 * Segments and campaigns refuse bad input with a clear error and write nothing; the member
 * list is audited without naming anyone.
 */
const count = async (db: Database, table: string) =>
  Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

describe.each(testDatabases)('segments and campaigns refuse bad input ($name)', (testDb) => {
  const ho = headOfficePerTest(testDb);
  let db: Database;
  let headOffice: HeadOffice;
  beforeEach(async () => {
    ({ db, headOffice } = await ho.fresh(Date.parse('2030-06-10T00:00:00.000Z')));
  });

  it('refuses a hostile segment and saves nothing', async () => {
    for (const body of [
      null,
      { name: '', definition: {} },
      { name: 'x', definition: { tiers: ["gold'; DROP TABLE member; --"] } },
      { name: 'x', definition: { spend: { minMinor: 10, maxMinor: 1 } } },
      { name: 'x', definition: {}, extra: true },
    ]) {
      const r = await headOffice.campaigns.saveSegment('admin', body);
      expect(r.ok ? 'saved' : r.error.code, JSON.stringify(body)).toBe('invalid_input');
    }
    const c = await headOffice.campaigns.countSegment({ birthdayMonths: [0] });
    expect(c.ok ? 'counted' : c.error.message).toMatch(/birthdayMonths/);
    expect(await count(db, 'segment')).toBe(0);
  });

  it('refuses a hostile campaign and writes nothing; launches once; unknown ids are not found', async () => {
    const segment = await headOffice.campaigns.saveSegment('admin', {
      name: 'All',
      definition: {},
    });
    if (!segment.ok) throw new Error(segment.error.message);
    const variant = {
      name: 'Double',
      weight: 1,
      offer: { kind: 'multiplier', percent: 200, from: '2030-06-10', to: '2030-06-16' },
    };
    for (const body of [
      { name: 'x', segmentId: segment.value.id, variants: [] },
      {
        name: 'x',
        segmentId: segment.value.id,
        variants: [{ ...variant, offer: { ...variant.offer, percent: 100 } }],
      },
      {
        name: 'x',
        segmentId: segment.value.id,
        variants: [{ ...variant, offer: { ...variant.offer, to: '2030-06-01' } }],
      },
      { name: 'x', segmentId: segment.value.id, variants: [variant], holdoutBasisPoints: 9000 },
      { name: 'x', segmentId: 'not-an-id', variants: [variant] },
    ]) {
      const r = await headOffice.campaigns.createCampaign('admin', body);
      expect(r.ok ? 'created' : r.error.code, JSON.stringify(body)).toBe('invalid_input');
    }
    const unknownSegment = await headOffice.campaigns.createCampaign('admin', {
      name: 'x',
      segmentId: '00000000-0000-7000-8000-000000000000',
      variants: [variant],
    });
    expect(unknownSegment.ok ? 'created' : unknownSegment.error.code).toBe('not_found');
    expect(await count(db, 'campaign')).toBe(0);
    expect(await count(db, 'campaign_variant')).toBe(0);

    const launch = await headOffice.campaigns.launchCampaign(
      'admin',
      '00000000-0000-7000-8000-000000000000',
    );
    expect(launch.ok ? 'launched' : launch.error.code).toBe('not_found');
    const results = await headOffice.campaigns.campaignResults('nope');
    expect(results.ok ? 'read' : results.error.code).toBe('invalid_input');
  });

  it('audits who listed a segment’s members, naming no one', async () => {
    const segment = await headOffice.campaigns.saveSegment('admin', {
      name: 'All',
      definition: {},
    });
    if (!segment.ok) throw new Error(segment.error.message);
    const page = await headOffice.campaigns.segmentMembers('ms-lam', segment.value.id, {
      limit: '10',
    });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value).toEqual({ total: 0, members: [] });
    const { rows } = await db.query<{
      actor: string;
      action: string;
      subject: string;
      details: unknown;
    }>(`SELECT actor, action, subject, details FROM audit_log WHERE action = 'segment.members'`);
    expect(rows).toEqual([
      {
        actor: 'ms-lam',
        action: 'segment.members',
        subject: segment.value.id,
        details: { limit: 10, offset: 0, shown: 0 },
      },
    ]);
  });

  it('takes a campaign’s cost once known, refuses a bad one and audits the change', async () => {
    const segment = await headOffice.campaigns.saveSegment('admin', {
      name: 'All',
      definition: {},
    });
    if (!segment.ok) throw new Error(segment.error.message);
    const made = await headOffice.campaigns.createCampaign('admin', {
      name: 'Spring',
      segmentId: segment.value.id,
      variants: [
        {
          name: 'Double',
          weight: 1,
          offer: { kind: 'multiplier', percent: 200, from: '2030-06-10', to: '2030-06-16' },
        },
      ],
    });
    if (!made.ok) throw new Error(made.error.message);
    expect(made.value.costMinor).toBeNull();
    for (const body of [
      null,
      {},
      { costMinor: -1 },
      { costMinor: 1.5 },
      { costMinor: '5000' },
      { costMinor: 5000, extra: 1 },
    ]) {
      const r = await headOffice.campaigns.setCampaignCost('admin', made.value.id, body);
      expect(r.ok ? 'set' : r.error.code, JSON.stringify(body)).toBe('invalid_input');
    }
    const unknown = await headOffice.campaigns.setCampaignCost(
      'admin',
      '00000000-0000-7000-8000-000000000000',
      { costMinor: 5000 },
    );
    expect(unknown.ok ? 'set' : unknown.error.code).toBe('not_found');
    const set = await headOffice.campaigns.setCampaignCost('ms-lam', made.value.id, {
      costMinor: 500_000,
    });
    expect(set.ok && set.value.costMinor).toBe(500_000);
    const cleared = await headOffice.campaigns.setCampaignCost('ms-lam', made.value.id, {
      costMinor: null,
    });
    expect(cleared.ok && cleared.value.costMinor).toBeNull();
    const { rows } = await db.query<{ actor: string; details: unknown }>(
      `SELECT actor, details FROM audit_log WHERE action = 'campaign.cost' ORDER BY at, id`,
    );
    expect(rows).toEqual([
      { actor: 'ms-lam', details: { from: null, to: 500_000 } },
      { actor: 'ms-lam', details: { from: 500_000, to: null } },
    ]);
  });
});
