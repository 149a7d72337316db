import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberPage, MemberSearchResult } from '../../shared/office/members';
import type { Database } from '../db/database';
import type { HeadOffice } from '../headOffice';
import { buildServer } from '../http/server';
import { browserClient, type BrowserAnswer } from '../testing/browserClient';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import { TerminalScript, enrollTerminal, pushOk, type TestClock } from '../testing/terminalScript';

const PASSWORD = 'correct horse battery';

/**
 * The single customer view over real HTTP: search by phone, card and Chinese or Latin name
 * fragments across stores; the member page with both stores' history; every answer that shows
 * personal data logged with its reason; no reason, no data and no log; analysts refused.
 */
describe.each(testDatabases)('member search and page at head office on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let app: FastifyInstance;
  let service: (method: string, path: string) => Promise<BrowserAnswer>;
  let analyst: (method: string, path: string) => Promise<BrowserAnswer>;
  let wong: { memberId: string; cardNumber: string };
  let chan: { memberId: string; cardNumber: string };
  const office = headOfficePerTest(testDb);

  async function signedIn(address: string, name: string, role: string) {
    const made = await headOffice.adminUsers.addAdminUser('test', {
      name,
      password: PASSWORD,
      role,
    });
    if (!made.ok) throw new Error(made.error.message);
    const { call } = browserClient(address);
    expect(
      (await call('POST', '/office/api/session', { body: { name, password: PASSWORD } })).status,
    ).toBe(200);
    return (method: string, path: string) => call(method, path);
  }

  interface ViewRow {
    id: string;
    member_id: string;
    viewer: string;
    reason: string;
    view: string;
  }
  async function views(): Promise<ViewRow[]> {
    const { rows } = await db.query<ViewRow>(
      'SELECT id, member_id, viewer, reason, view FROM member_views ORDER BY id',
    );
    return rows;
  }
  /** The rows written since `before`, without their ids. */
  async function newViews(before: ViewRow[]) {
    const seen = new Set(before.map((r) => r.id));
    return (await views()).filter((r) => !seen.has(r.id)).map(({ id: _id, ...rest }) => rest);
  }

  beforeAll(async () => {
    ({ db, clock, headOffice } = await office.fresh(Date.parse('2026-03-01T04:00:00.000Z')));
    const causewayBay = await enrollTerminal(headOffice, { storeName: 'Causeway Bay' });
    const mongKok = await enrollTerminal(headOffice, { storeName: 'Mong Kok' });
    const a = new TerminalScript(causewayBay, clock);
    wong = a.enrollMember({ name: '王小明', phoneE164: '+85291234567' });
    chan = a.enrollMember({ name: 'Chan Tai Man', phoneE164: '+85298765432' });
    a.sale({ memberId: wong.memberId, totalMinor: 10_000, earn: 100 });
    a.recordConsent({
      memberId: wong.memberId,
      channel: 'email',
      purpose: 'marketing',
      answer: 'granted',
    });
    await pushOk(headOffice, a);
    clock.ms += 10 * 86_400_000;
    const b = new TerminalScript(mongKok, clock);
    b.sale({ memberId: wong.memberId, totalMinor: 30_000, earn: 300 });
    await pushOk(headOffice, b);
    app = await buildServer(headOffice, {});
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    service = await signedIn(address, 'Ms Service', 'customerService');
    analyst = await signedIn(address, 'Mr Analyst', 'analyst');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const search = async (q: string, reason = 'customer_enquiry') => {
    const answer = await service(
      'GET',
      `/admin/members?q=${encodeURIComponent(q)}&reason=${reason}`,
    );
    expect(answer.status, answer.text).toBe(200);
    return (answer.json as MemberSearchResult).members.map((m) => m.id);
  };

  it('finds a member by phone, last four digits, card, and Chinese or Latin name fragments', async () => {
    expect(await search('9123 4567')).toEqual([wong.memberId]);
    expect(await search('4567')).toEqual([wong.memberId]);
    expect(await search(wong.cardNumber)).toEqual([wong.memberId]);
    expect(await search('小明')).toEqual([wong.memberId]);
    expect(await search('王小明')).toEqual([wong.memberId]);
    expect(await search('明小')).toEqual([]);
    expect(await search('tai chan')).toEqual([chan.memberId]);
    expect(await search('%')).toEqual([]);
  }, 60_000);

  it('shows the member page across both stores, and logs the view with its reason', async () => {
    const before = await views();
    const answer = await service('GET', `/admin/members/${wong.memberId}?reason=complaint`);
    expect(answer.status, answer.text).toBe(200);
    const page = answer.json as MemberPage;
    expect(page.profile).toMatchObject({ name: '王小明', cardNumber: wong.cardNumber });
    expect(page.points.balance).toBe(400);
    expect(page.value).toMatchObject({
      lifetimeSpendMinor: 40_000,
      last12MonthsSpendMinor: 40_000,
      visits: 2,
      averageDaysBetweenVisits: 10,
    });
    expect(page.value.rfmSegment).not.toBeNull();
    const sales = page.timeline.filter((e) => e.kind === 'sale');
    expect(sales.map((e) => e.storeName)).toEqual(['Mong Kok', 'Causeway Bay']);
    expect(page.timeline.some((e) => e.kind === 'enrolled')).toBe(true);
    // The page words a consent answer from its parts (renderer/office/members/timelineWords.ts).
    expect(
      page.timeline.filter((e) => e.kind === 'consent').map((e) => [e.storeName, e.reference]),
    ).toEqual([['Causeway Bay', 'email:marketing:granted']]);
    expect(await newViews(before)).toEqual([
      { member_id: wong.memberId, viewer: 'Ms Service', reason: 'complaint', view: 'page' },
    ]);
  }, 60_000);

  it('logs each member a search shows', async () => {
    const before = await views();
    await search('chan', 'fraud_check');
    expect(await newViews(before)).toEqual([
      { member_id: chan.memberId, viewer: 'Ms Service', reason: 'fraud_check', view: 'search' },
    ]);
  }, 60_000);

  it('refuses without a reason, with a made-up reason, or for an unknown member, logging nothing', async () => {
    const before = await views();
    const noReason = await service('GET', `/admin/members/${wong.memberId}`);
    expect(noReason.status).toBe(400);
    expect(noReason.text).not.toContain('王小明');
    expect((await service('GET', `/admin/members?q=chan&reason=curiosity`)).status).toBe(400);
    expect((await service('GET', `/admin/members?q=&reason=complaint`)).status).toBe(400);
    expect((await service('GET', `/admin/members?q=chan&reason=complaint&sql=1`)).status).toBe(400);
    expect((await service('GET', `/admin/members/not-an-id?reason=complaint`)).status).toBe(400);
    const unknown = await service(
      'GET',
      '/admin/members/01890000-0000-7000-8000-000000000001?reason=complaint',
    );
    expect(unknown.status).toBe(404);
    expect(await views()).toEqual(before);
  }, 60_000);

  it('refuses an analyst, who sees pseudonymous lists only', async () => {
    const before = await views();
    const page = await analyst('GET', `/admin/members/${wong.memberId}?reason=complaint`);
    expect(page.status).toBe(403);
    expect((await analyst('GET', '/admin/members?q=chan&reason=complaint')).status).toBe(403);
    expect(await views()).toEqual(before);
  }, 60_000);

  it('keeps the view log append-only', async () => {
    await expect(db.query('DELETE FROM member_views')).rejects.toThrow(/append-only/);
  });
});
