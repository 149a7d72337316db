import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../../shared/api/catalogue';
import type { Receipt } from '../../shared/domain';
import type { Database } from '../../server/db/database';
import { createHeadOffice, type HeadOffice } from '../../server/headOffice';
import { buildServer } from '../../server/http/server';
import { testDatabases } from '../../server/testing/databases';
import { enrollTerminal } from '../../electron/core/sync/enrollTerminal';
import { pendingCount } from '../../electron/core/sync/pushOutbox';
import { SyncWorker } from '../../electron/core/sync/syncWorker';
import { httpTransport } from '../../electron/core/sync/transport';
import { hongKong, makeClock, type TestClock } from './helpers/loyalty';
import { hkSetup, openBlankCore, unwrap } from './helpers/terminal';

/**
 * The catalogue from head office to the counter (issue 16 §2), through real parts: head office on
 * loopback keeps the items, two stores' terminals pull them on the products stream, each at its
 * own store's price; a scan adds the line a sale records, and head office takes the sale with the
 * SKU and category it was scanned with. A change at head office reaches the till on the next sync.
 */
const ok = <T>(outcome: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value;
};

const MILK_TEA = '4901234567894';

describe.each(testDatabases)('the catalogue at the counter ($name)', (testDb) => {
  let db: Database;
  let headOffice: HeadOffice;
  let close: () => Promise<void>;
  let clock: TestClock;
  let url: string;
  let itemId: string;
  type Till = { core: ReturnType<typeof openBlankCore>; worker: SyncWorker; storeId: string };
  const tills: Till[] = [];

  async function sync(till: (typeof tills)[number]): Promise<void> {
    expect(await till.worker.runOnce()).toBe('synced');
    expect(pendingCount(till.core.db)).toBe(0);
  }

  const scan = (till: (typeof tills)[number], code: string) =>
    unwrap(till.core.dispatch('catalogue.scan', { code })) as CatalogueItem | null;

  beforeAll(async () => {
    clock = makeClock(hongKong('2030-06-09 09:00'));
    db = await testDb.open();
    headOffice = await createHeadOffice(db, { now: clock.now });
    const app = await buildServer(headOffice);
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    close = () => app.close();
    for (const name of ['Causeway Bay', 'Mong Kok']) {
      const store = ok(await headOffice.admin.createStore('test', { name }));
      const code = ok(await headOffice.admin.createEnrollmentCode('test', store.id, {}));
      // Each till set up afresh: a copied ledger would share its set-up operations' ids.
      const core = openBlankCore({ now: clock.now });
      unwrap(core.dispatch('terminal.setup', hkSetup));
      unwrap(core.dispatch('shift.open', { floatMinor: 0 }));
      await enrollTerminal(core.ctx, httpTransport(url), core.credentials, {
        serverUrl: url,
        code: code.code,
      });
      const worker = new SyncWorker(core.ctx, {
        transport: httpTransport(url),
        credentials: core.credentials,
      });
      tills.push({ core, worker, storeId: store.id });
    }
    ok(
      await headOffice.catalogue.saveCategory('test', 'DRINKS', {
        names: { en: 'Drinks', 'zh-Hant': '飲品', 'zh-Hans': '饮品' },
      }),
    );
    const item = ok(
      await headOffice.catalogue.createItem('test', {
        sku: 'MT-001',
        names: { en: 'Milk tea', 'zh-Hant': '奶茶', 'zh-Hans': '奶茶' },
        categoryCode: 'DRINKS',
        listPriceMinor: 2200,
        taxClass: null,
        active: true,
        barcodes: ['4 901234 567894'],
      }),
    );
    itemId = item.id;
    // Mong Kok sells it for HK$19.50.
    ok(
      await headOffice.catalogue.setStorePrice('test', itemId, tills[1]!.storeId, {
        priceMinor: 1950,
      }),
    );
    for (const till of tills) await sync(till);
  }, 120_000);

  afterAll(async () => {
    for (const till of tills) till.core.cleanup();
    await close();
    await db.close();
  });

  it('reaches each store’s till at that store’s price', () => {
    const [causewayBay, mongKok] = tills;
    expect(scan(causewayBay!, MILK_TEA)).toMatchObject({
      sku: 'MT-001',
      categoryCode: 'DRINKS',
      priceMinor: 2200,
    });
    expect(scan(mongKok!, MILK_TEA)).toMatchObject({ sku: 'MT-001', priceMinor: 1950 });
    expect(scan(mongKok!, '4901234567887')).toBeNull();
  });

  it('a scanned line is sold with its SKU and category, and head office takes the sale', async () => {
    const till = tills[1]!;
    const item = scan(till, MILK_TEA)!;
    const receipt = unwrap(
      till.core.dispatch('sale.record', {
        saleId: '01890000-0000-7000-8000-00000000c0de',
        memberId: null,
        lines: [
          {
            description: item.name,
            quantity: 2,
            unitPriceMinor: item.priceMinor,
            sku: item.sku,
            category: item.categoryCode,
          },
        ],
        redeemPoints: 0,
      }),
    ) as Receipt;
    expect(receipt.sale.totalMinor).toBe(3900);
    await sync(till);
    const { rows } = await db.query<{ total: string; lines: unknown[] }>(
      `SELECT total_minor::text AS total, lines FROM sale
       WHERE id = '01890000-0000-7000-8000-00000000c0de'`,
    );
    expect(rows[0]?.total).toBe('3900');
    expect(rows[0]?.lines).toEqual([
      expect.objectContaining({ sku: 'MT-001', category: 'DRINKS', quantity: 2 }),
    ]);
  });

  it('a price, a name or the item withdrawn at head office reaches the till at its next sync', async () => {
    const till = tills[0]!;
    const update = (change: { listPriceMinor?: number; active?: boolean }) =>
      headOffice.catalogue.updateItem('test', itemId, {
        sku: 'MT-001',
        names: { en: 'Hong Kong milk tea', 'zh-Hant': '港式奶茶', 'zh-Hans': '港式奶茶' },
        categoryCode: 'DRINKS',
        listPriceMinor: 2400,
        taxClass: null,
        active: true,
        barcodes: [MILK_TEA],
        ...change,
      });
    ok(await update({}));
    expect(scan(till, MILK_TEA)?.priceMinor).toBe(2200);
    await sync(till);
    expect(scan(till, MILK_TEA)).toMatchObject({ name: 'Hong Kong milk tea', priceMinor: 2400 });
    // Mong Kok keeps its own price.
    await sync(tills[1]!);
    expect(scan(tills[1]!, MILK_TEA)?.priceMinor).toBe(1950);

    ok(await update({ active: false }));
    await sync(till);
    // Withdrawn: the till refuses it by name rather than calling it unknown.
    const refused = till.core.dispatch('catalogue.scan', { code: MILK_TEA });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'item_withdrawn', details: { name: 'Hong Kong milk tea' } },
    });
  });
});
