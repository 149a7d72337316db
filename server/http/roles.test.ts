import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { officeRoles, pathParams, type OfficeRole } from '../../shared/contract/route';
import { headOfficeRoutes } from '../../shared/office/contract';
import type { HeadOffice } from '../headOffice';
import { browserClient } from '../testing/browserClient';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import { buildServer } from './server';

const PASSWORD = 'correct horse battery';
const SOME_ID = '01890000-0000-7000-8000-000000000001';

/** Routes that take no role: terminals', the UI's sign-in, and what anyone may read. */
const ROLELESS = new Set([
  'messages.unsubscribe',
  'messages.unsubscribeLink',
  'messages.smsStatus',
  'messages.smsInbound',
  'health',
  'enroll',
  'sync.push',
  'sync.pull',
  'sync.operations',
  'session.get',
  'session.signIn',
  'session.signOut',
  'session.firstAdmin',
  'docs.openapi',
]);

function concretePath(path: string): string {
  return pathParams(path).reduce((p, name) => p.replace(`:${name}`, SOME_ID), path);
}

/**
 * Every route × every role over real HTTP: a role the route names gets past the guard (whatever
 * the handler then says of an empty request), any other gets 403 "forbidden". A route that takes
 * a credential but names no role fails here.
 */
describe.each(testDatabases)('roles at head office on $name', (testDb) => {
  let headOffice: HeadOffice;
  let app: FastifyInstance;
  const callers = new Map<OfficeRole, ReturnType<typeof browserClient>['call']>();
  const office = headOfficePerTest(testDb);

  beforeAll(async () => {
    ({ headOffice } = await office.fresh());
    const store = await headOffice.admin.createStore('test', { name: 'Mong Kok' });
    if (!store.ok) throw new Error(store.error.message);
    app = await buildServer(headOffice, {});
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    for (const role of officeRoles) {
      const name = `person ${role}`;
      const made = await headOffice.adminUsers.addAdminUser('test', {
        name,
        password: PASSWORD,
        role,
        ...(role === 'storeManager' ? { storeId: store.value.id } : {}),
      });
      if (!made.ok) throw new Error(made.error.message);
      const { call } = browserClient(address);
      const signIn = await call('POST', '/office/api/session', {
        body: { name, password: PASSWORD },
      });
      expect(signIn.status).toBe(200);
      callers.set(role, call);
    }
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  it('has every route that takes a credential name its roles', () => {
    for (const [name, spec] of Object.entries(headOfficeRoutes)) {
      if (spec.auth.kind === 'admin' || spec.auth.kind === 'session') {
        expect(spec.auth.roles.length, name).toBeGreaterThan(0);
        for (const role of spec.auth.roles) expect(officeRoles, name).toContain(role);
        // The administrator may do everything.
        expect(spec.auth.roles, name).toContain('admin');
      } else {
        expect(ROLELESS.has(name), `${name} names no role`).toBe(true);
        expect(spec.path.startsWith('/admin/'), `${name} is under /admin/ without a role`).toBe(
          false,
        );
      }
    }
  });

  it('admits exactly the roles each route names', async () => {
    const seen: string[] = [];
    for (const [name, spec] of Object.entries(headOfficeRoutes)) {
      if (spec.auth.kind !== 'admin' && spec.auth.kind !== 'session') continue;
      for (const role of officeRoles) {
        const call = callers.get(role);
        if (!call) throw new Error(`no caller for ${role}`);
        const answer = await call(spec.method, concretePath(spec.path), {
          ...(spec.method === 'GET' ? {} : { body: {} }),
        });
        const code = (answer.json as { error?: { code?: string } } | null)?.error?.code;
        const forbidden = answer.status === 403 && code === 'forbidden';
        expect(forbidden, `${name} as ${role}: ${answer.status} ${code}`).toBe(
          !spec.auth.roles.includes(role),
        );
        expect(answer.status, `${name} as ${role}`).not.toBe(401);
        seen.push(`${name}:${role}`);
      }
    }
    expect(seen.length).toBeGreaterThan(officeRoles.length * 10);
  }, 60_000);

  it("shows a store manager an item with their own store's price only; an admin sees every store's", async () => {
    const stores = await headOffice.admin.listStores();
    const own = stores.ok ? stores.value.stores.find((s) => s.name === 'Mong Kok') : undefined;
    const other = await headOffice.admin.createStore('test', { name: 'Sha Tin' });
    if (!own || !other.ok) throw new Error('stores');
    const item = await headOffice.catalogue.createItem('test', {
      sku: 'PRICE-1',
      names: { en: 'Oolong', 'zh-Hant': '烏龍', 'zh-Hans': '乌龙' },
      categoryCode: null,
      listPriceMinor: 3000,
      taxClass: null,
      active: true,
      barcodes: [],
    });
    if (!item.ok) throw new Error(item.error.message);
    for (const [storeId, priceMinor] of [
      [own.id, 2800],
      [other.value.id, 3200],
    ] as const) {
      const set = await headOffice.catalogue.setStorePrice('test', item.value.id, storeId, {
        priceMinor,
      });
      expect(set.ok).toBe(true);
    }
    const pricesAs = async (role: OfficeRole) => {
      const answer = await callers.get(role)?.('GET', `/admin/catalogue/items/${item.value.id}`);
      expect(answer?.status, role).toBe(200);
      const body = answer?.json as { storePrices: { storeId: string; priceMinor: number }[] };
      return body.storePrices.map((p) => [p.storeId, p.priceMinor]).sort();
    };
    expect(await pricesAs('storeManager')).toEqual([[own.id, 2800]]);
    expect(await pricesAs('admin')).toEqual(
      [
        [own.id, 2800],
        [other.value.id, 3200],
      ].sort(),
    );
  });

  it('refuses a store manager without a store, and a store for anyone else', async () => {
    const noStore = await headOffice.adminUsers.addAdminUser('test', {
      name: 'manager without store',
      password: PASSWORD,
      role: 'storeManager',
    });
    expect(noStore.ok).toBe(false);
    const withStore = await headOffice.adminUsers.addAdminUser('test', {
      name: 'analyst with store',
      password: PASSWORD,
      role: 'analyst',
      storeId: SOME_ID,
    });
    expect(withStore.ok).toBe(false);
    const unknownStore = await headOffice.adminUsers.addAdminUser('test', {
      name: 'manager of nowhere',
      password: PASSWORD,
      role: 'storeManager',
      storeId: SOME_ID,
    });
    expect(unknownStore.ok ? null : unknownStore.error.code).toBe('not_found');
    const bogusRole = await headOffice.adminUsers.addAdminUser('test', {
      name: 'superuser',
      password: PASSWORD,
      role: 'root',
    });
    expect(bogusRole.ok).toBe(false);
  });
});
