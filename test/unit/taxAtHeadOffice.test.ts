import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../shared/api/catalogue';
import type { Member, Receipt } from '../../shared/domain';
import type { Database } from '../../server/db/database';
import { createHeadOffice, type HeadOffice } from '../../server/headOffice';
import { buildServer } from '../../server/http/server';
import { testDatabases } from '../../server/testing/databases';
import { enrollTerminal } from '../../electron/core/sync/enrollTerminal';
import { pendingCount } from '../../electron/core/sync/pushOutbox';
import { SyncWorker } from '../../electron/core/sync/syncWorker';
import { httpTransport } from '../../electron/core/sync/transport';
import { hongKong, makeClock, type TestClock } from './helpers/loyalty';
import { hkSetup, MANAGER_PIN, openBlankCore, unwrap } from './helpers/terminal';

/**
 * Sales tax from head office's catalogue to the counter and back, through real parts: head
 * office on loopback sets a tax class's rate, the till prices a scanned item at it and an open
 * item at the store's default, and head office prices the taxed sale again (points before tax)
 * and agrees. A new rate reaches the till on its next sync.
 */
const ok = <T>(outcome: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
};

const WINE = '4006381333931';

describe.each(testDatabases)('tax between head office and the till ($name)', (testDb) => {
  let db: Database;
  let headOffice: HeadOffice;
  let close: () => Promise<void>;
  let clock: TestClock;
  let core: ReturnType<typeof openBlankCore>;
  let worker: SyncWorker;

  async function sync(): Promise<void> {
    expect(await worker.runOnce()).toBe('synced');
    expect(pendingCount(core.db)).toBe(0);
  }
  const scan = (code: string) => unwrap(core.dispatch('catalogue.scan', { code })) as CatalogueItem;
  const mismatches = async () =>
    ok(await headOffice.admin.listExceptions({ status: 'open' })).exceptions.filter(
      (e) => e.kind === 'points_mismatch',
    );

  beforeAll(async () => {
    clock = makeClock(hongKong('2030-06-09 09:00'));
    db = await testDb.open();
    headOffice = await createHeadOffice(db, { now: clock.now });
    const app = await buildServer(headOffice);
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();
    const store = ok(await headOffice.admin.createStore('test', { name: 'Central' }));
    const code = ok(await headOffice.admin.createEnrollmentCode('test', store.id, {}));
    core = openBlankCore({ now: clock.now });
    unwrap(core.dispatch('terminal.setup', hkSetup));
    unwrap(core.dispatch('shift.open', { floatMinor: 0 }));
    await enrollTerminal(core.ctx, httpTransport(url), core.credentials, {
      serverUrl: url,
      code: code.code,
    });
    worker = new SyncWorker(core.ctx, {
      transport: httpTransport(url),
      credentials: core.credentials,
    });
    ok(
      await headOffice.catalogue.saveTaxClass('test', 'ALC', {
        name: 'Alcohol',
        rateBasisPoints: 2000,
      }),
    );
    ok(
      await headOffice.catalogue.createItem('test', {
        sku: 'WINE-1',
        names: { en: 'Red wine', 'zh-Hant': '紅酒', 'zh-Hans': '红酒' },
        categoryCode: null,
        listPriceMinor: 10_000,
        taxClass: 'ALC',
        active: true,
        barcodes: [WINE],
      }),
    );
    unwrap(
      core.dispatch('tax.configure', {
        settings: { mode: 'exclusive', defaultRateBasisPoints: 500 },
      }),
    );
    await sync();
  }, 120_000);

  afterAll(async () => {
    core.cleanup();
    await close();
    await db.close();
  });

  let phone = 91230000;
  const enroll = () =>
    unwrap(
      core.dispatch('member.enroll', {
        name: 'Amy Chan',
        phone: String((phone += 1)),
        marketingConsent: false,
      }),
    ) as Member;

  function sellWine(saleId: string, memberId: string, redeemPoints = 0): Receipt {
    const wine = scan(WINE);
    return unwrap(
      core.dispatch('sale.record', {
        saleId,
        memberId,
        lines: [
          { description: wine.name, quantity: 1, unitPriceMinor: wine.priceMinor, sku: wine.sku },
          { description: 'Bread', quantity: 1, unitPriceMinor: 3000 },
        ],
        redeemPoints,
      }),
    ) as Receipt;
  }

  it('a scanned item is taxed at its class’s rate, an open item at the store’s; head office agrees on the points, earned before tax', async () => {
    const amy = enroll();
    const receipt = sellWine('01890000-0000-7000-8000-0000000007a1', amy.id);
    expect(receipt.sale.lines.map((l) => [l.taxRateBasisPoints, l.taxMinor])).toEqual([
      [2000, 2000],
      [500, 150],
    ]);
    expect(receipt.sale).toMatchObject({ taxMinor: 2150, totalMinor: 15_150, pointsEarned: 130 });
    await sync();
    const { rows } = await db.query<{ total: string; earn: string }>(
      `SELECT total_minor::text AS total, earn_base_minor::text AS earn FROM sale WHERE id = $1`,
      [receipt.sale.id],
    );
    expect(rows[0]).toEqual({ total: '15150', earn: '13000' });
    expect(await mismatches()).toEqual([]);
    const balance = await db.query<{ points: string }>(
      'SELECT points::text AS points FROM member_balance WHERE member_id = $1',
      [amy.id],
    );
    expect(balance.rows[0]?.points).toBe('130');
  });

  it('a new rate at head office reaches the till on its next sync; points paying part of a taxed sale earn on the money before tax, a refund gives the tax back, and head office agrees', async () => {
    ok(
      await headOffice.catalogue.saveTaxClass('test', 'ALC', {
        name: 'Alcohol',
        rateBasisPoints: 1000,
      }),
    );
    await sync();
    const amy = enroll();
    unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: 1000,
        reason: 'Welcome',
        managerPin: MANAGER_PIN,
      }),
    );
    // HK$100 wine + 10% and HK$30 bread + 5% = HK$141.50; 1,000 points pay HK$50.00. The money,
    // HK$91.50, is 13000/14150 before tax: earn base floor(9150 × 13000 / 14150) = 8406 → 84
    // points (priced without tax it would be 8000 → 80).
    const receipt = sellWine('01890000-0000-7000-8000-0000000007a2', amy.id, 1000);
    expect(receipt.sale.lines[0]).toMatchObject({ taxRateBasisPoints: 1000, taxMinor: 1000 });
    expect(receipt.sale).toMatchObject({ totalMinor: 14_150, paidMinor: 9150, pointsEarned: 84 });
    const back = unwrap(
      core.dispatch('sale.refund', {
        saleId: receipt.sale.id,
        refundId: '01890000-0000-7000-8000-0000000007a3',
        reason: 'Corked',
        lines: [{ lineNo: 1, quantity: 1 }],
      }),
    ) as Receipt;
    expect(back.sale).toMatchObject({ taxMinor: -1000, totalMinor: -11_000 });
    await sync();
    expect(await mismatches()).toEqual([]);
    const balance = await db.query<{ points: string }>(
      'SELECT points::text AS points FROM member_balance WHERE member_id = $1',
      [amy.id],
    );
    const atTill = core.db
      .prepare('SELECT points_balance AS points FROM member WHERE id = ?')
      .get(amy.id) as { points: number };
    expect(Number(balance.rows[0]?.points)).toBe(atTill.points);
  });
});
