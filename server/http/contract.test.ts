import type { FastifyInstance } from 'fastify';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { routeUrl } from '../../shared/contract/client';
import { openApiPath } from '../../shared/contract/openapi';
import { responsesOf, type RouteInput } from '../../shared/contract/route';
import {
  headOfficePages,
  headOfficeRoutes,
  type HeadOfficeRouteName,
  type HeadOfficeRoutes,
} from '../../shared/office/contract';
import type { RfmSegment } from '../../shared/analytics/rfm';
import { defaultProgram } from '../../shared/program';
import { pushRequest } from '../../shared/sync/protocol';
import { birthdayGreeting } from '../../shared/rules/messaging';
import { SIGNATURE_HEADER, signatureOf, unsubscribeToken } from '../messages/signatures';
import type { HeadOffice } from '../headOffice';
import { testDatabases } from '../testing/databases';
import { browserClient, type BrowserAnswer, type BrowserRequest } from '../testing/browserClient';
import { builtOfficePerSuite } from '../testing/builtOffice';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import { TerminalScript, type TestClock } from '../testing/terminalScript';
import { registeredRoutes } from './routeGuard';
import { buildServer } from './server';

const PASSWORD = 'correct horse battery';

type Json = Record<string, unknown>;
type Answer = BrowserAnswer;

/** The operation the OpenAPI document gives a route. */
function operationOf(document: Json, method: string, routePath: string): Json | undefined {
  const paths = document.paths as Record<string, Record<string, Json>>;
  return paths[openApiPath(routePath)]?.[method.toLowerCase()];
}

/** The document's JSON Schema for an answer, back as a validator (JSON Schema → zod). */
function documentedSchema(operation: Json, status: number, mediaType = 'application/json') {
  const responses = operation.responses as Record<string, Json>;
  const content = responses[String(status)]?.content as Record<string, Json> | undefined;
  const schema = content?.[mediaType]?.schema as Json | undefined;
  return schema ? z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]) : null;
}

const NOT_FOUND_SAMPLES = new Set<string>(['complaints.get', 'complaints.step']);

describe('the contract and the routes head office really registers', () => {
  it('registers exactly the declared routes, and refuses one outside the contract', async () => {
    const app = await buildServer({} as HeadOffice, { office: { dir: tmpdir() } });
    try {
      const declared = [
        ...Object.values(headOfficeRoutes).map((r) => `${r.method} ${r.path}`),
        ...Object.values(headOfficePages).map((r) => `${r.method} ${r.path}`),
      ].sort();
      const registered = registeredRoutes(app)
        .filter((r) => r.method !== 'HEAD')
        .map((r) => `${r.method} ${r.path}`)
        .sort();
      expect(registered).toEqual(declared);
      for (const route of Object.values(headOfficeRoutes)) {
        expect(app.hasRoute({ method: route.method, url: route.path }), route.path).toBe(true);
      }
      // Whoever registers it, a route the contract does not declare is refused on the spot.
      expect(() => app.get('/admin/secret-backdoor', async () => 'hello')).toThrow(
        /GET \/admin\/secret-backdoor is not in head office's contract/,
      );
      expect(() => app.post('/health', async () => 'hello')).toThrow(
        /not in head office's contract/,
      );
      await expect(
        app.register(async (plugin) => {
          plugin.delete('/admin/stores', async () => 'gone');
        }),
      ).rejects.toThrow(/DELETE \/admin\/stores is not in head office's contract/);
    } finally {
      await app.close().catch(() => undefined);
    }
  });
});

describe.each(testDatabases)('the OpenAPI document on $name', (testDb) => {
  let clock: TestClock;
  let headOffice: HeadOffice;
  let adminToken: string;
  const servers: FastifyInstance[] = [];
  const office = headOfficePerTest(testDb);
  const built = builtOfficePerSuite();
  beforeEach(async () => {
    ({ clock, headOffice } = await office.fresh());
    adminToken = (await headOffice.ensureAdminToken()).newToken ?? '';
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function serve() {
    const app = await buildServer(headOffice, { office: { dir: built.dir() } });
    servers.push(app);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const browser = browserClient(address);
    const raw = (method: string, url: string, init: BrowserRequest = {}) =>
      browser.call(method, url, { ui: false, ...init });
    /** A route of the contract by name, its URL built from the contract. */
    const call = <K extends HeadOfficeRouteName>(
      name: K,
      input: RouteInput<HeadOfficeRoutes[K]>,
      init: { token?: string; ui?: boolean; headers?: Record<string, string> } = {},
    ) => {
      const spec = headOfficeRoutes[name];
      const body = (input as { body?: unknown }).body;
      return raw(spec.method, routeUrl(spec, input), { ...init, body });
    };
    return { raw, call };
  }

  it('is served at /docs/openapi.json, valid in shape, and lists every route', async () => {
    const { raw } = await serve();
    const answer = await raw('GET', '/docs/openapi.json');
    expect(answer.status).toBe(200);
    const document = answer.json as Json;
    expect(document.openapi).toBe('3.1.0');
    expect(document.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const schemes = (document.components as Json).securitySchemes as Json;
    const operationIds = new Set<string>();
    for (const [routePath, item] of Object.entries(document.paths as Record<string, Json>)) {
      expect(routePath.startsWith('/')).toBe(true);
      for (const [method, operation] of Object.entries(item as Record<string, Json>)) {
        expect(['get', 'post', 'put', 'delete']).toContain(method);
        const id = operation.operationId as string;
        expect(operationIds.has(id), `${id} twice`).toBe(false);
        operationIds.add(id);
        const responses = operation.responses as Record<string, Json>;
        expect(Object.keys(responses).length).toBeGreaterThan(0);
        for (const [status, response] of Object.entries(responses)) {
          expect(status).toMatch(/^[1-5]\d\d$/);
          expect(typeof response.description).toBe('string');
        }
        // Every {parameter} of the path is declared once, as a required path parameter.
        const parameters = (operation.parameters ?? []) as Json[];
        const named = [...routePath.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        const inPath = parameters.filter((p) => p.in === 'path');
        expect(inPath.map((p) => p.name).sort()).toEqual(named.sort());
        expect(inPath.every((p) => p.required === true)).toBe(true);
        const keys = parameters.map((p) => `${String(p.in)}:${String(p.name)}`);
        expect(new Set(keys).size).toBe(keys.length);
        for (const requirement of (operation.security ?? []) as Json[]) {
          for (const scheme of Object.keys(requirement)) expect(schemes).toHaveProperty(scheme);
        }
      }
    }
    for (const [name, route] of Object.entries(headOfficeRoutes)) {
      const operation = operationOf(document, route.method, route.path);
      expect(operation?.operationId, name).toBe(name);
      const documented = Object.keys(operation?.responses as Json)
        .map(Number)
        .sort();
      expect(documented).toEqual(Object.keys(responsesOf(route)).map(Number).sort());
    }
    for (const [name, page] of Object.entries(headOfficePages)) {
      expect(operationOf(document, page.method, page.path)?.operationId).toBe(name);
    }
    expect(operationIds.size).toBe(
      Object.keys(headOfficeRoutes).length + Object.keys(headOfficePages).length,
    );
  });

  it('describes what each route really answers: one sample call per route', async () => {
    const { raw, call } = await serve();
    const document = (await raw('GET', '/docs/openapi.json')).json as Json;
    const admin = { token: adminToken };
    const ui = { ui: true };
    let storeId = '';
    let terminalId = '';
    let credential = '';
    let exceptionId = '';
    let chanId = '';
    let erasureId = '';
    let till: TerminalScript | null = null;
    let segment: RfmSegment = 'new';
    let messageId = '';
    let linkToken = '';
    const SMS_SECRET = 'sms-provider-shared-secret';
    let segmentId = '';
    let campaignId = '';
    let itemId = '';

    /**
     * One sample call per route, run in this order (each may use what the ones before made).
     * The type makes a route added to the contract without a sample here a compile error.
     */
    const samples: Record<HeadOfficeRouteName, () => Promise<Answer>> = {
      'session.get': () => call('session.get', {}),
      'session.firstAdmin': () =>
        call(
          'session.firstAdmin',
          { body: { adminToken, name: 'Ms Lam', password: PASSWORD } },
          ui,
        ),
      'session.signIn': () =>
        call('session.signIn', { body: { name: 'Ms Lam', password: PASSWORD } }, ui),
      'session.setLanguage': () =>
        call('session.setLanguage', { body: { language: 'zh-Hant' } }, ui),
      'session.signOut': () => call('session.signOut', {}, ui),
      health: () => call('health', {}),
      'docs.openapi': () => call('docs.openapi', {}),
      'stores.create': async () => {
        const answer = await call('stores.create', { body: { name: 'Causeway Bay' } }, admin);
        storeId = (answer.json as { id: string }).id;
        return answer;
      },
      'stores.list': () => call('stores.list', {}, admin),
      'stores.createEnrollmentCode': () =>
        call('stores.createEnrollmentCode', { params: { id: storeId }, body: {} }, admin),
      enroll: async () => {
        const code = await call('stores.createEnrollmentCode', { params: { id: storeId } }, admin);
        const answer = await call('enroll', {
          body: {
            code: (code.json as { code: string }).code,
            terminalName: 'Till 1',
            appVersion: '0.1.0',
          },
        });
        const enrolled = answer.json as {
          terminalId: string;
          storeId: string;
          storeName: string;
          terminalNumber: number;
          credential: string;
        };
        terminalId = enrolled.terminalId;
        credential = enrolled.credential;
        till = new TerminalScript(
          {
            auth: {
              terminalId,
              storeId: enrolled.storeId,
              terminalNumber: enrolled.terminalNumber,
            },
            credential,
            storeId: enrolled.storeId,
            storeName: enrolled.storeName,
          },
          clock,
        );
        return answer;
      },
      'sync.push': () => {
        if (!till) throw new Error('no terminal');
        const chan = till.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
        chanId = chan.memberId;
        till.recordConsent({ memberId: chan.memberId, purpose: 'profiling', answer: 'granted' });
        till.sale({ memberId: chan.memberId, earn: 100 });
        till.sale({ memberId: chan.memberId, redeem: 200 });
        return call('sync.push', { body: pushRequest.parse(till.batch()) }, { token: credential });
      },
      'sync.pull': () =>
        call(
          'sync.pull',
          { body: { stream: 'members', after: 0, limit: 10 } },
          { token: credential },
        ),
      'sync.operations': () =>
        call('sync.operations', { body: { after: 1, limit: 10 } }, { token: credential }),
      'terminals.list': () => call('terminals.list', {}, admin),
      'config.get': () => call('config.get', {}, admin),
      'config.set': () =>
        call(
          'config.set',
          {
            body: {
              program: defaultProgram,
              offlineRedemption: {
                maxPointsPerSaleOffline: 100,
                maxPointsPerMemberOffline: 200,
                maxOfflineHours: 24,
              },
            },
          },
          admin,
        ),
      'config.history': () => call('config.history', { query: { limit: 5 } }, admin),
      'consentWording.list': () => call('consentWording.list', {}, admin),
      'consent.ofMember': () => call('consent.ofMember', { params: { id: chanId } }, admin),
      'members.search': () =>
        call('members.search', { query: { q: 'chan', reason: 'customer_enquiry' } }, admin),
      'members.get': () =>
        call('members.get', { params: { id: chanId }, query: { reason: 'complaint' } }, admin),
      'members.import': () =>
        call(
          'members.import',
          {
            body: {
              fileName: 'old-members.csv',
              csv: 'name,phone\nMs Ho,9123 4567\n',
              dryRun: true,
              defaultCountry: 'HK',
              defaultStoreId: storeId,
            },
          },
          admin,
        ),
      'consentWording.publish': () =>
        call(
          'consentWording.publish',
          {
            body: {
              purpose: 'birthday',
              text: {
                en: 'May we send you a birthday treat?',
                'zh-Hant': '我們可否在您生日時送上小禮物？',
                'zh-Hans': '我们可否在您生日时送上小礼物？',
              },
            },
          },
          admin,
        ),
      'exceptions.list': async () => {
        const answer = await call('exceptions.list', { query: { status: 'open' } }, admin);
        exceptionId = (answer.json as { exceptions: { id: string }[] }).exceptions[0]?.id ?? '';
        return answer;
      },
      'exceptions.get': () => call('exceptions.get', { params: { id: exceptionId } }, admin),
      'exceptions.resolve': () =>
        call(
          'exceptions.resolve',
          {
            params: { id: exceptionId },
            body: { resolution: 'charge_back', note: 'Paid the difference in cash.' },
          },
          admin,
        ),
      'reports.consolidated': () =>
        call('reports.consolidated', { query: { from: '2026-11-01', to: '2026-11-30' } }, admin),
      'adminUsers.create': () =>
        call('adminUsers.create', { body: { name: 'Mr Ho', password: PASSWORD } }, admin),
      'adminUsers.list': () => call('adminUsers.list', {}, admin),
      'analytics.overview': async () => {
        const query = { from: '2026-10-01', to: '2026-11-30', timeZone: 'Asia/Hong_Kong' };
        const answer = await call('analytics.overview', { query }, admin);
        // Figures with something in them, so their schemas are put to the test.
        expect((answer.json as { topMembers: unknown[] }).topMembers.length).toBeGreaterThan(0);
        return answer;
      },
      'analytics.rfm': async () => {
        const answer = await call(
          'analytics.rfm',
          { query: { timeZone: 'Asia/Hong_Kong' } },
          admin,
        );
        const { segments } = answer.json as { segments: { segment: RfmSegment; count: number }[] };
        segment = segments.find((s) => s.count > 0)?.segment ?? 'new';
        return answer;
      },
      'analytics.segmentMembers': async () => {
        const answer = await call('analytics.segmentMembers', { query: { segment } }, admin);
        expect((answer.json as { members: unknown[] }).members.length).toBeGreaterThan(0);
        return answer;
      },
      'config.proposals': async () => {
        if (!till) throw new Error('no terminal');
        till.programUpdated(7, defaultProgram, { owner: 'terminal', proposed: true });
        till.programUpdated(8, defaultProgram, { owner: 'terminal', proposed: true });
        await call('sync.push', { body: pushRequest.parse(till.batch()) }, { token: credential });
        const answer = await call('config.proposals', {}, admin);
        expect((answer.json as { proposals: unknown[] }).proposals).toHaveLength(2);
        return answer;
      },
      'config.adoptProposal': () =>
        call('config.adoptProposal', { params: { terminalId, version: '7' } }, admin),
      'config.dismissProposal': () =>
        call('config.dismissProposal', { params: { terminalId, version: '8' } }, admin),
      'privacy.policy': () => call('privacy.policy', {}, admin),
      'privacy.setPolicy': () =>
        call(
          'privacy.setPolicy',
          { body: { requestDeadlineDays: 30, retentionYears: 7, retentionNoticeDays: 30 } },
          admin,
        ),
      'privacy.retention': () => call('privacy.retention', {}, admin),
      'dataRequests.create': async () => {
        const answer = await call(
          'dataRequests.create',
          { body: { kind: 'erasure', memberId: chanId } },
          admin,
        );
        erasureId = (answer.json as { id: string }).id;
        return answer;
      },
      'dataRequests.list': () => call('dataRequests.list', { query: {} }, admin),
      'dataRequests.setStatus': async () => {
        const access = await call(
          'dataRequests.create',
          { body: { kind: 'access', memberId: chanId } },
          admin,
        );
        const id = (access.json as { id: string }).id;
        return call(
          'dataRequests.setStatus',
          { params: { id }, body: { status: 'in_progress' } },
          admin,
        );
      },
      'members.export': () => call('members.export', { params: { id: chanId }, query: {} }, admin),
      'dataRequests.approveErasure': async () => {
        // A second person: Ms Lam, signed in, approves what the admin token logged.
        await call('session.signIn', { body: { name: 'Ms Lam', password: PASSWORD } }, ui);
        const answer = await call('dataRequests.approveErasure', { params: { id: erasureId } }, ui);
        await call('session.signOut', {}, ui);
        return answer;
      },
      'segments.save': async () => {
        const answer = await call(
          'segments.save',
          {
            body: {
              name: 'Bought lately',
              definition: { lastPurchase: { atLeastDays: null, atMostDays: 365 } },
            },
          },
          admin,
        );
        segmentId = (answer.json as { id: string }).id;
        return answer;
      },
      'segments.list': () => call('segments.list', {}, admin),
      'segments.count': () =>
        call('segments.count', { body: { visits: { min: 1, max: null } } }, admin),
      'segments.members': () =>
        call('segments.members', { params: { id: segmentId }, query: { limit: 5 } }, admin),
      'campaigns.create': async () => {
        const answer = await call(
          'campaigns.create',
          {
            body: {
              name: 'Double week',
              segmentId,
              variants: [
                {
                  name: 'Double points',
                  weight: 1,
                  offer: { kind: 'multiplier', percent: 200, from: '2026-11-01', to: '2026-11-30' },
                },
              ],
            },
          },
          admin,
        );
        campaignId = (answer.json as { id: string }).id;
        return answer;
      },
      'campaigns.launch': () => call('campaigns.launch', { params: { id: campaignId } }, admin),
      'campaigns.list': () => call('campaigns.list', {}, admin),
      'campaigns.results': () =>
        call('campaigns.results', { params: { id: campaignId }, query: {} }, admin),
      'campaigns.setCost': () =>
        call(
          'campaigns.setCost',
          { params: { id: campaignId }, body: { costMinor: 50_000 } },
          admin,
        ),
      'metrics.cohorts': () =>
        call('metrics.cohorts', { query: { from: '2026-01', to: '2026-12' } }, admin),
      'metrics.churn': () =>
        call('metrics.churn', { query: { from: '2026-01', to: '2026-12' } }, admin),
      'metrics.ltv': () =>
        call(
          'metrics.ltv',
          { query: { from: '2026-01', to: '2026-12', heldBackDays: '90' } },
          admin,
        ),
      'voice.dashboard': () =>
        call('voice.dashboard', { query: { from: '2026-10-01', to: '2026-12-31' } }, admin),
      'voice.trend': () =>
        call('voice.trend', { query: { from: '2026-10-01', to: '2026-12-31' } }, admin),
      'complaints.list': () => call('complaints.list', { query: { status: 'unresolved' } }, admin),
      // No complaint has the member's id: the documented 404.
      'complaints.get': () => call('complaints.get', { params: { id: chanId } }, admin),
      'complaints.step': () =>
        call(
          'complaints.step',
          { params: { id: chanId }, body: { step: 'resolved', note: 'Sorted' } },
          admin,
        ),
      'terminals.revoke': () => call('terminals.revoke', { params: { id: terminalId } }, admin),
      'messages.saveSettings': () =>
        call(
          'messages.saveSettings',
          {
            body: {
              smtp: null,
              sms: { url: 'http://127.0.0.1:9/sms' },
              quietHours: { start: '22:00', end: '08:00' },
              weeklyCap: 3,
              defaultTimeZone: 'Asia/Hong_Kong',
              publicUrl: 'https://loyalty.example.com',
              smsSecret: SMS_SECRET,
            },
          },
          admin,
        ),
      'messages.settings': () => call('messages.settings', {}, admin),
      'messages.unsubscribe': async () => {
        const queued = await headOffice.messages.enqueue({
          memberId: chanId,
          channel: 'sms',
          purpose: 'marketing',
          template: 'sample',
          content: birthdayGreeting,
        });
        messageId = queued.id;
        const { signingKey } = await headOffice.messages.settingsForTest();
        linkToken = unsubscribeToken(signingKey, messageId);
        return call('messages.unsubscribe', { params: { id: messageId, token: linkToken } });
      },
      'messages.unsubscribeLink': () =>
        call('messages.unsubscribeLink', { params: { id: messageId, token: linkToken } }),
      'messages.counts': () => call('messages.counts', {}, admin),
      'messages.ofMember': () => call('messages.ofMember', { params: { id: chanId } }, admin),
      'messages.smsStatus': () =>
        call(
          'messages.smsStatus',
          { body: { id: messageId, status: 'delivered' } },
          {
            headers: { [SIGNATURE_HEADER]: signatureOf(SMS_SECRET, `${messageId}\ndelivered`) },
          },
        ),
      'messages.smsInbound': () =>
        call(
          'messages.smsInbound',
          { body: { from: '+85291234567', text: 'STOP' } },
          {
            headers: { [SIGNATURE_HEADER]: signatureOf(SMS_SECRET, '+85291234567\nSTOP') },
          },
        ),
      'catalogue.saveTaxClass': () =>
        call(
          'catalogue.saveTaxClass',
          { params: { code: 'STD' }, body: { name: 'Standard', rateBasisPoints: 0 } },
          admin,
        ),
      'catalogue.taxClasses': () => call('catalogue.taxClasses', {}, admin),
      'catalogue.saveCategory': () =>
        call(
          'catalogue.saveCategory',
          {
            params: { code: 'TEA' },
            body: { names: { en: 'Tea', 'zh-Hant': '茶', 'zh-Hans': '茶' } },
          },
          admin,
        ),
      'catalogue.categories': () => call('catalogue.categories', {}, admin),
      'catalogue.createItem': async () => {
        const answer = await call(
          'catalogue.createItem',
          {
            body: {
              sku: 'TEA-001',
              names: { en: 'Jasmine tea', 'zh-Hant': '茉莉花茶', 'zh-Hans': '' },
              categoryCode: 'TEA',
              listPriceMinor: 3800,
              taxClass: 'STD',
              active: true,
              barcodes: ['4006381333931'],
            },
          },
          admin,
        );
        itemId = (answer.json as { id: string }).id;
        return answer;
      },
      'catalogue.updateItem': () =>
        call(
          'catalogue.updateItem',
          {
            params: { id: itemId },
            body: {
              sku: 'TEA-001',
              names: { en: 'Jasmine tea', 'zh-Hant': '茉莉花茶', 'zh-Hans': '茉莉花茶' },
              categoryCode: 'TEA',
              listPriceMinor: 3900,
              taxClass: null,
              active: true,
              barcodes: ['4006381333931'],
            },
          },
          admin,
        ),
      'catalogue.setStorePrice': () =>
        call(
          'catalogue.setStorePrice',
          { params: { id: itemId, storeId }, body: { priceMinor: 3500 } },
          admin,
        ),
      'catalogue.clearStorePrice': () =>
        call('catalogue.clearStorePrice', { params: { id: itemId, storeId } }, admin),
      'catalogue.items': () => call('catalogue.items', { query: { q: '茉莉' } }, admin),
      'catalogue.item': () => call('catalogue.item', { params: { id: itemId } }, admin),
      'catalogue.codes': () => call('catalogue.codes', {}, admin),
      'catalogue.import': () =>
        call(
          'catalogue.import',
          {
            body: {
              fileName: 'catalogue.csv',
              csv: 'sku,name_en,price,category\nTEA-002,Oolong,42.50,TEA\n',
              dryRun: true,
              currency: 'HKD',
            },
          },
          admin,
        ),
    };

    for (const [name, sample] of Object.entries(samples) as [
      HeadOfficeRouteName,
      () => Promise<Answer>,
    ][]) {
      const route = headOfficeRoutes[name];
      const answer = await sample();
      const operation = operationOf(document, route.method, route.path);
      expect(operation, name).toBeDefined();
      if (!operation) continue;
      // No terminal has logged a complaint in this head office: those two samples check the
      // documented 404 (its schema too, below); every other sample must succeed.
      const expected = NOT_FOUND_SAMPLES.has(name) ? [404] : [200, 201, 204];
      expect(expected, `${name}: ${answer.text.slice(0, 300)}`).toContain(answer.status);
      const schema = documentedSchema(operation, answer.status);
      expect(schema, `${name} documents ${answer.status}`).not.toBeNull();
      const checked = schema?.safeParse(answer.json);
      expect(
        checked?.success,
        `${name}: ${JSON.stringify(checked?.error?.issues.slice(0, 3))}`,
      ).toBe(true);
    }

    // The other media type a route documents, and error answers: documented statuses, in shape.
    const csv = await call(
      'reports.consolidated',
      { query: { from: '2025-01-01', to: '2025-01-31', format: 'csv' } },
      admin,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const reports = operationOf(document, 'GET', '/admin/reports') as Json;
    expect(documentedSchema(reports, 200, 'text/csv')?.safeParse(csv.text).success).toBe(true);
    const voice = operationOf(document, 'GET', '/admin/voice/dashboard') as Json;
    for (const [format, mediaType] of [
      ['csv', 'text/csv'],
      ['pdf', 'application/pdf'],
    ] as const) {
      const file = await call(
        'voice.dashboard',
        { query: { from: '2026-10-01', to: '2026-12-31', format, lang: 'zh-Hant' } },
        admin,
      );
      expect(file.status, format).toBe(200);
      expect(file.headers.get('content-type')).toContain(mediaType);
      expect(file.headers.get('content-disposition')).toContain(
        `voice-2026-10-01-2026-12-31.${format}`,
      );
      expect(documentedSchema(voice, 200, mediaType)?.safeParse(file.text).success).toBe(true);
    }
    const failures: [HeadOfficeRouteName, Answer][] = [
      ['stores.list', await call('stores.list', {})],
      ['exceptions.get', await call('exceptions.get', { params: { id: terminalId } }, admin)],
      [
        'exceptions.resolve',
        await call(
          'exceptions.resolve',
          {
            params: { id: exceptionId },
            body: { resolution: 'charge_back', note: 'again' },
          },
          admin,
        ),
      ],
      [
        'sync.pull',
        await call(
          'sync.pull',
          { body: { stream: 'members', after: 0, limit: 10 } },
          { token: credential },
        ),
      ],
      ['stores.create', await raw('POST', '/admin/stores', { ...admin, body: { name: '' } })],
      [
        'session.setLanguage',
        await raw('PUT', '/office/api/session/language', { ui: true, body: { language: 'fr' } }),
      ],
    ];
    for (const [name, answer] of failures) {
      const route = headOfficeRoutes[name];
      const operation = operationOf(document, route.method, route.path) as Json;
      expect(answer.status, name).toBeGreaterThanOrEqual(400);
      const schema = documentedSchema(operation, answer.status);
      expect(schema, `${name} documents ${answer.status}`).not.toBeNull();
      expect(schema?.safeParse(answer.json).success, name).toBe(true);
    }

    // Pages: the redirect, the page and an asset, as documented.
    const pages = [
      ['office.redirect', await raw('GET', '/office')],
      ['office.page', await raw('GET', '/office/')],
      ['office.assets', await raw('GET', '/office/assets/office-abc123.js')],
    ] as const;
    for (const [name, answer] of pages) {
      const page = headOfficePages[name];
      const responses = operationOf(document, page.method, page.path)?.responses as Json;
      expect(Object.keys(responses), name).toContain(String(answer.status));
    }
  }, 60_000);
});
