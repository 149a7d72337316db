import { beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { DEFAULTS_ACTOR, defaultProgramConfig } from './programConfig';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import type { TestClock } from '../testing/terminalScript';

/** The configuration's history: version 1 is the defaults, newest first, with who and when. */
describe.each(testDatabases)('program configuration history on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;

  const office = headOfficePerTest(testDb);
  beforeEach(async () => {
    ({ db, clock, headOffice } = await office.fresh(Date.parse('2026-11-02T09:00:00.000Z')));
  });

  async function history() {
    const result = await headOffice.admin.configHistory({});
    if (!result.ok) throw new Error(result.error.message);
    return result.value.versions.map((v) => ({
      version: v.version,
      by: v.updatedBy,
      at: v.updatedAt,
      hours: v.offlineRedemption.maxOfflineHours,
    }));
  }

  function withHours(maxOfflineHours: number) {
    return {
      ...defaultProgramConfig,
      offlineRedemption: { ...defaultProgramConfig.offlineRedemption, maxOfflineHours },
    };
  }

  it('starts with the defaults as version 1', async () => {
    expect(await history()).toEqual([
      { version: 1, by: DEFAULTS_ACTOR, at: '2026-11-02T09:00:00.000Z', hours: 72 },
    ]);
    const first = await headOffice.admin.configHistory({});
    expect(first.ok && first.value.versions[0]?.program).toEqual(defaultProgramConfig.program);
  });

  it('lists every version newest first, each with who set it and when', async () => {
    clock.advance(3600_000);
    expect((await headOffice.admin.setConfig('Ms Lam', withHours(48))).ok).toBe(true);
    clock.advance(3600_000);
    expect((await headOffice.admin.setConfig('Mr Ho', withHours(24))).ok).toBe(true);
    expect(await history()).toEqual([
      { version: 3, by: 'Mr Ho', at: '2026-11-02T11:00:00.000Z', hours: 24 },
      { version: 2, by: 'Ms Lam', at: '2026-11-02T10:00:00.000Z', hours: 48 },
      { version: 1, by: DEFAULTS_ACTOR, at: '2026-11-02T09:00:00.000Z', hours: 72 },
    ]);
    const two = await headOffice.admin.configHistory({ limit: '2' });
    expect(two.ok && two.value.versions.map((v) => v.version)).toEqual([3, 2]);
  });

  it('a restart records nothing twice', async () => {
    expect((await headOffice.admin.setConfig('Ms Lam', withHours(48))).ok).toBe(true);
    clock.advance(86_400_000);
    headOffice = await createHeadOffice(db, { now: clock.now });
    headOffice = await createHeadOffice(db, { now: clock.now });
    expect((await history()).map((v) => [v.version, v.by])).toEqual([
      [2, 'Ms Lam'],
      [1, DEFAULTS_ACTOR],
    ]);
  });

  it('a refused configuration leaves the history as it was', async () => {
    const refused = await headOffice.admin.setConfig('Ms Lam', {
      ...withHours(48),
      offlineRedemption: { maxPointsPerSaleOffline: -1 },
    });
    expect(refused.ok).toBe(false);
    expect((await history()).map((v) => v.version)).toEqual([1]);
  });
});
