import { beforeEach, describe, expect, it } from 'vitest';
import type { MemberImportReport, MemberImportRequest } from '../../shared/office/memberImport';
import { normalisePhone, type PhoneCountry } from '../../shared/phone';
import type { Database } from '../db/database';
import type { HeadOffice } from '../headOffice';
import { buildServer } from '../http/server';
import { browserClient } from '../testing/browserClient';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import { queryPlan } from '../testing/queryPlan';
import { HOLDERS_SQL } from './memberImport';
import { TerminalScript, enrollTerminal, pushOk, type TestClock } from '../testing/terminalScript';

/**
 * Members from the old system (issue 16 §5) on a real database: phones read per country, a dry
 * run that writes nothing, per-row errors that change nothing, duplicates merged into the member
 * who holds the phone, card or email, consent recorded as imported at the file's date, opening
 * balances as import entries with their expiry, re-runs that create nothing, hostile files.
 */
describe('phone numbers from the old system, per country', () => {
  const table: [PhoneCountry, string, string | null][] = [
    ['HK', '9123 4567', '+85291234567'],
    ['HK', '+852 9123-4567', '+85291234567'],
    ['HK', '852 12345', null],
    ['MO', '6612 3456', '+85366123456'],
    ['TW', '0912 345 678', '+886912345678'],
    ['TW', '912345678', '+886912345678'],
    ['CN', '138 0013 8000', '+8613800138000'],
    ['CN', '+86 138-0013-8000', '+8613800138000'],
    ['SG', '8123 4567', '+6581234567'],
    ['SG', '+65 9123 4567', '+6591234567'],
    ['MY', '012-345 6789', '+60123456789'],
    ['HK', '+65 8123 4567', '+6581234567'],
    ['HK', "9123'; DROP TABLE member; --", null],
  ];
  it.each(table)('%s %s → %s', (country, typed, e164) => {
    expect(normalisePhone(typed, country)?.e164 ?? null).toBe(e164);
  });
});

describe.each(testDatabases)('member import on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let storeId: string;
  let wong: { memberId: string; cardNumber: string };
  const office = headOfficePerTest(testDb);

  beforeEach(async () => {
    ({ db, clock, headOffice } = await office.fresh(Date.parse('2026-03-01T04:00:00.000Z')));
    const till = await enrollTerminal(headOffice, { storeName: 'Causeway Bay' });
    storeId = till.storeId;
    const script = new TerminalScript(till, clock);
    wong = script.enrollMember({ name: '王小明', phoneE164: '+85291234567' });
    script.sale({ memberId: wong.memberId, totalMinor: 10_000, earn: 100 });
    await pushOk(headOffice, script);
  }, 120_000);

  async function run(csv: string, options: Partial<MemberImportRequest> = {}) {
    const outcome = await headOffice.memberImport.importMembers('Ms Lam', {
      fileName: 'old-members.csv',
      csv,
      dryRun: false,
      defaultCountry: 'HK',
      defaultStoreId: storeId,
      ...options,
    });
    return outcome;
  }
  async function imported(csv: string, options: Partial<MemberImportRequest> = {}) {
    const outcome = await run(csv, options);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.value;
  }
  /** Rows of the tables an import writes, to show that nothing moved. */
  async function footprint() {
    const count = async (sql: string) =>
      (await db.query<{ n: number }>(`SELECT count(*)::int8 AS n FROM ${sql}`)).rows[0]?.n;
    return {
      members: await count('member'),
      entries: await count('points_entry'),
      balances: await db.query('SELECT member_id, points FROM member_balance ORDER BY member_id'),
      consent: await count('consent_event'),
      imports: await count('member_import'),
      importRows: await count('member_import_row'),
      terminals: await count('terminal'),
      published: await count('change_log'),
    };
  }
  const outcomes = (report: MemberImportReport) =>
    report.rows.map((r) => [r.row, r.outcome, r.reason]);

  const FILE = [
    'Name,Phone,Country,Email,Birthday,Language,Card,Points,Points_Expiry,Consent_SMS_Marketing,Consent_Email_Marketing,Consent_Date,Home_Store',
    'Ho Ka Yan,6123 4567,HK,ho@example.com,1990-05-17,zh-Hant,OLD-0001,1200,2027-06-30,yes,no,2024-02-01,',
    '李美玲,138 0013 8000,CN,,1985/11/02,zh-Hans,,0,,,,,Causeway Bay',
    'Wong again,+852 9123 4567,,wong@example.com,,,,300,2027-01-31,,,,',
    'Ho twin,,HK,,,,,,,,,,',
    'Ho Ka Yan duplicate,61234567,HK,,,,,50,2027-06-30,,,,',
    'Bad date,6345 6789,HK,,1990-02-30,,,,,,,,',
  ].join('\n');

  it('each member’s marketing flag is what their consent leaves: a new member’s set at insert, a later row of the file withdrawing it, a member head office had granting it', async () => {
    await imported(
      [
        'Name,Phone,Country,Consent_SMS_Marketing,Consent_Email_Marketing,Consent_Date',
        'Chan Tai Man,6111 2222,HK,yes,,2024-01-15',
        'Chan Tai Man,6111 2222,HK,no,,2024-03-01',
        'Lee Siu Ming,6333 4444,HK,,yes,2024-01-15',
        'Wong again,9123 4567,HK,yes,,2024-05-01',
      ].join('\n'),
    );
    const { rows } = await db.query<{ phone_e164: string; flag: boolean; rule: boolean }>(
      `SELECT m.phone_e164, m.marketing_consent AS flag, EXISTS (
         SELECT 1 FROM consent_current c WHERE c.member_id = m.id AND c.purpose = 'marketing'
           AND c.channel IN ('sms', 'email') AND c.answer = 'granted') AS rule
       FROM member m ORDER BY m.phone_e164`,
    );
    expect(rows).toEqual([
      { phone_e164: '+85261112222', flag: false, rule: false },
      { phone_e164: '+85263334444', flag: true, rule: true },
      { phone_e164: '+85291234567', flag: true, rule: true },
    ]);
  }, 60_000);

  it('dry-runs a file: the full report, and nothing written', async () => {
    const before = await footprint();
    const report = await imported(FILE, { dryRun: true });
    expect(report.dryRun).toBe(true);
    expect(report.importId).toBeNull();
    expect(outcomes(report)).toEqual([
      [2, 'created', null],
      [3, 'created', null],
      [4, 'merged', null],
      [5, 'error', 'phone_invalid'],
      [6, 'merged', null],
      [7, 'error', 'birthday_invalid'],
    ]);
    expect(report.totals).toEqual({ rows: 6, created: 2, merged: 2, unchanged: 0, errors: 2 });
    expect(await footprint()).toEqual(before);
  }, 60_000);

  it('imports: creates, merges by phone into members head office has and rows of the file, skips bad rows', async () => {
    clock.ms += 60_000;
    const report = await imported(FILE);
    expect(report.importId).not.toBeNull();
    expect(outcomes(report)).toEqual([
      [2, 'created', null],
      [3, 'created', null],
      [4, 'merged', null],
      [5, 'error', 'phone_invalid'],
      [6, 'merged', null],
      [7, 'error', 'birthday_invalid'],
    ]);
    const [ho, li, wongAgain, , hoAgain] = report.rows;
    expect(ho).toMatchObject({ cardNumber: 'OLD-0001' });
    expect(wongAgain).toMatchObject({ memberId: wong.memberId, cardNumber: wong.cardNumber });
    expect(hoAgain).toMatchObject({ memberId: ho?.memberId, mergedIntoRow: 2 });
    // A member with no card gets one from the store's import terminal: a valid EAN-13 card.
    expect(li?.cardNumber).toMatch(/^2\d{12}$/);

    const { rows: members } = await db.query<{
      name: string;
      phone_e164: string;
      email: string | null;
      birthday: string | null;
      enrolled_store_name: string;
      marketing_consent: boolean;
    }>(
      `SELECT name, phone_e164, email, birthday, enrolled_store_name, marketing_consent
       FROM member WHERE id = ANY($1::uuid[]) ORDER BY phone_e164`,
      [[ho?.memberId, li?.memberId]],
    );
    expect(members).toEqual([
      {
        name: 'Ho Ka Yan',
        phone_e164: '+85261234567',
        email: 'ho@example.com',
        birthday: '1990-05-17',
        enrolled_store_name: 'Causeway Bay',
        marketing_consent: true,
      },
      {
        name: '李美玲',
        phone_e164: '+8613800138000',
        email: null,
        birthday: '1985-11-02',
        enrolled_store_name: 'Causeway Bay',
        marketing_consent: false,
      },
    ]);
    // Nothing of the bad rows reached the database.
    const { rows: bad } = await db.query(
      "SELECT id FROM member WHERE name IN ('Ho twin', 'Bad date') OR phone_e164 = '+85263456789'",
    );
    expect(bad).toEqual([]);

    // Opening balances: one import entry per row, through the ledger; merged rows add up.
    const { rows: entries } = await db.query<{ member_id: string; kind: string; points: number }>(
      `SELECT member_id, kind, points FROM points_entry WHERE kind = 'import'
       ORDER BY points`,
    );
    expect(entries).toEqual([
      { member_id: ho?.memberId, kind: 'import', points: 50 },
      { member_id: wong.memberId, kind: 'import', points: 300 },
      { member_id: ho?.memberId, kind: 'import', points: 1200 },
    ]);
    const { rows: balances } = await db.query<{ member_id: string; points: number }>(
      'SELECT member_id, points FROM member_balance WHERE member_id = ANY($1::uuid[])',
      [[ho?.memberId, wong.memberId]],
    );
    expect(new Map(balances.map((b) => [b.member_id, b.points]))).toEqual(
      new Map([
        [ho?.memberId, 1250],
        [wong.memberId, 400],
      ]),
    );
    // Each entry's stated expiry is kept beside it.
    const { rows: expiries } = await db.query<{ points: number; expires: string }>(
      `SELECT r.points, to_char(r.points_expire_on, 'YYYY-MM-DD') AS expires
       FROM member_import_row r JOIN points_entry e ON e.id = r.points_entry_id ORDER BY r.points`,
    );
    expect(expiries).toEqual([
      { points: 50, expires: '2027-06-30' },
      { points: 300, expires: '2027-01-31' },
      { points: 1200, expires: '2027-06-30' },
    ]);

    // New members and balances go out on the streams terminals pull.
    const { rows: published } = await db.query<{ stream: string; entity_id: string }>(
      `SELECT stream, entity_id FROM change_log WHERE stream IN ('members', 'balances', 'consent')
         AND recorded_at = $1::timestamptz ORDER BY stream, entity_id`,
      [new Date(clock.ms).toISOString()],
    );
    expect(
      published
        .filter((p) => p.stream === 'members')
        .map((p) => p.entity_id)
        .sort(),
    ).toEqual([ho?.memberId, li?.memberId].sort());
    expect(
      published
        .filter((p) => p.stream === 'balances')
        .map((p) => p.entity_id)
        .sort(),
    ).toEqual([ho?.memberId, wong.memberId].sort());
    expect(published.filter((p) => p.stream === 'consent')).toHaveLength(2);
  }, 60_000);

  it('records consent as imported, at the date the file gives, with the file as its source', async () => {
    const report = await imported(FILE);
    const ho = report.rows[0]?.memberId;
    const { rows } = await db.query<{
      channel: string;
      purpose: string;
      answer: string;
      at: string;
      method: string;
      origin: string;
      file_name: string;
    }>(
      `SELECT e.channel, e.purpose, e.answer, e.at, e.method, e.origin, i.file_name
       FROM consent_event e JOIN member_import i ON i.id = e.op_id
       WHERE e.member_id = $1 ORDER BY e.channel`,
      [ho],
    );
    expect(rows).toEqual([
      {
        channel: 'email',
        purpose: 'marketing',
        answer: 'withdrawn',
        at: '2024-02-01T00:00:00.000Z',
        method: 'imported',
        origin: 'head_office',
        file_name: 'old-members.csv',
      },
      {
        channel: 'sms',
        purpose: 'marketing',
        answer: 'granted',
        at: '2024-02-01T00:00:00.000Z',
        method: 'imported',
        origin: 'head_office',
        file_name: 'old-members.csv',
      },
    ]);
    const { rows: current } = await db.query<{ channel: string; answer: string }>(
      'SELECT channel, answer FROM consent_current WHERE member_id = $1 ORDER BY channel',
      [ho],
    );
    expect(current).toEqual([
      { channel: 'email', answer: 'withdrawn' },
      { channel: 'sms', answer: 'granted' },
    ]);
  }, 60_000);

  it('creates nothing when the same file is imported again, in any row order', async () => {
    const first = await imported(FILE);
    const after = await footprint();
    const [header = '', ...lines] = FILE.split('\n');
    const second = await imported([header, ...lines.reverse()].join('\n'));
    expect(second.totals).toEqual({ rows: 6, created: 0, merged: 0, unchanged: 4, errors: 2 });
    expect(second.rows.find((r) => r.row === 7)).toMatchObject({
      outcome: 'unchanged',
      memberId: first.rows[0]?.memberId,
    });
    const again = await footprint();
    // The second import is recorded; nothing else moved.
    expect({ ...again, imports: after.imports, published: after.published }).toEqual(after);
  }, 60_000);

  it('refuses a row whose phone and card belong to two different members', async () => {
    const before = await footprint();
    const report = await imported(
      ['name,phone,card', `Mixed up,6999 0000,${wong.cardNumber}`, 'Other,6123 0000,'].join('\n'),
    );
    expect(outcomes(report)).toEqual([
      [2, 'merged', null],
      [3, 'created', null],
    ]);
    const conflict = await imported(
      ['name,phone,card', `Conflict,6123 0000,${wong.cardNumber}`].join('\n'),
    );
    expect(outcomes(conflict)).toEqual([[2, 'error', 'members_conflict']]);
    expect((await footprint()).members).toBe((before.members ?? 0) + 1);
  }, 60_000);

  it('reports each kind of bad row with its column, and imports the good ones', async () => {
    const report = await imported(
      [
        'name,phone,country,email,language,card,points,points_expiry,consent_sms_marketing,consent_date,home_store',
        ',6111 1111,,,,,,,,,',
        'A,6111 1112,XX,,,,,,,,',
        'B,6111 1113,,not-an-email,,,,,,,',
        'C,6111 1114,,,klingon,,,,,,',
        'D,6111 1115,,,,bad card!,,,,,',
        'E,6111 1116,,,,,-5,,,,',
        'F,6111 1117,,,,,100,,,,',
        'G,6111 1118,,,,,100,2027-13-01,,,',
        'H,6111 1119,,,,,,,maybe,2024-01-01,',
        'I,6111 1120,,,,,,,yes,,',
        'J,6111 1121,,,,,,,,,Nowhere',
        'K,6111 1122,,,,,,,,',
        "Robert'); DROP TABLE member;--,6111 1123,,,,,,,,,",
      ].join('\n'),
    );
    expect(report.rows.map((r) => [r.row, r.outcome, r.reason, r.column])).toEqual([
      [2, 'error', 'name_missing', 'name'],
      [3, 'error', 'country_unknown', 'country'],
      [4, 'error', 'email_invalid', 'email'],
      [5, 'error', 'language_unknown', 'language'],
      [6, 'error', 'card_invalid', 'card'],
      [7, 'error', 'points_invalid', 'points'],
      [8, 'error', 'points_expiry_missing', 'points_expiry'],
      [9, 'error', 'points_expiry_invalid', 'points_expiry'],
      [10, 'error', 'consent_invalid', 'consent_sms_marketing'],
      [11, 'error', 'consent_date_missing', 'consent_date'],
      [12, 'error', 'store_unknown', 'home_store'],
      [13, 'error', 'columns_mismatch', null],
      [14, 'created', null, null],
    ]);
    // Injection-looking text is stored as the text it is.
    const { rows } = await db.query<{ name: string }>('SELECT name FROM member WHERE id = $1', [
      report.rows[12]?.memberId,
    ]);
    expect(rows).toEqual([{ name: "Robert'); DROP TABLE member;--" }]);
  }, 60_000);

  it('refuses a file that is not a member CSV, with wrong columns, or too big, changing nothing', async () => {
    const before = await footprint();
    const refused = async (csv: string, options: Partial<MemberImportRequest> = {}) => {
      const outcome = await run(csv, options);
      expect(outcome.ok).toBe(false);
      return outcome.ok ? '' : `${outcome.error.code}: ${outcome.error.message}`;
    };
    expect(await refused('%PDF-1.7\n%âãÏÓ\n1 0 obj << /Type /Catalog >>')).toMatch(
      /invalid_input: .*missing column\(s\) name, phone/,
    );
    expect(await refused('name,mobile\nA,61234567')).toMatch(
      /missing column\(s\) phone; unknown column\(s\) "mobile"/,
    );
    expect(await refused('name,phone,name\nA,61234567,B')).toMatch(/repeated column\(s\) name/);
    expect(await refused('name,phone\n')).toMatch(/no rows/);
    expect(await refused('name,phone\n"A,61234567')).toMatch(/not a readable CSV/);
    expect(await refused('name,phone\nA\u0000,61234567')).toMatch(/invalid_input/);
    const huge = `name,phone\n${'A,61234567\n'.repeat(50_001)}`;
    expect(await refused(huge)).toMatch(/50001 rows; at most 50000/);
    expect(await refused('x'.repeat(4_600_000))).toMatch(
      /invalid_input: Invalid member import: csv/,
    );
    expect(await footprint()).toEqual(before);
  }, 120_000);

  it('finds who holds a row’s phone, card or email by their indexes', async () => {
    // Enough members that an index is worth its while, as in a chain's head office.
    const seed = [
      `INSERT INTO member (id, card_number, name, phone_e164, phone_national, email,
         marketing_consent, enrolled_at, enrolled_store_id, enrolled_store_name,
         enrolled_terminal_id, enrolled_staff_id, enrolled_op_id, name_hlc, email_hlc,
         birthday_hlc, marketing_consent_hlc, hlc, arrived_at)
       SELECT gen_random_uuid(), 'C' || n, 'M' || n, '+8526' || lpad(n::text, 7, '0'),
         '6' || lpad(n::text, 7, '0'), 'm' || n || '@example.com', false, '2026-01-01',
         t.store_id, 'Causeway Bay', t.id, gen_random_uuid(), gen_random_uuid(), 'h', 'h', 'h',
         'h', 'h', now()
       FROM generate_series(1, 5000) AS n, (SELECT id, store_id FROM terminal LIMIT 1) AS t`,
      'ANALYZE member',
    ];
    const plan = await queryPlan(db, HOLDERS_SQL, [['+85261234567'], ['OLD-0001'], ['a@b.hk']], {
      seed,
    });
    expect(plan, plan).toContain('member_phone_unmerged');
    expect(plan, plan).toContain('member_card');
    expect(plan).toContain('member_email');
  }, 60_000);

  it('is for administrators only, over HTTP', async () => {
    const app = await buildServer(headOffice, {});
    try {
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const signIn = async (name: string, role: string) => {
        const made = await headOffice.adminUsers.addAdminUser('test', {
          name,
          password: 'correct horse battery',
          role,
        });
        if (!made.ok) throw new Error(made.error.message);
        const { call } = browserClient(address);
        await call('POST', '/office/api/session', {
          body: { name, password: 'correct horse battery' },
        });
        return call;
      };
      const body = {
        fileName: 'old.csv',
        csv: 'name,phone\nMs Ho,6123 4567',
        dryRun: true,
        defaultCountry: 'HK',
        defaultStoreId: storeId,
      };
      const service = await signIn('Ms Service', 'customerService');
      expect((await service('POST', '/admin/members/import', { body })).status).toBe(403);
      const admin = await signIn('Ms Admin', 'admin');
      const answer = await admin('POST', '/admin/members/import', { body });
      expect(answer.status, answer.text).toBe(200);
      expect((answer.json as MemberImportReport).totals.created).toBe(1);
    } finally {
      await app.close();
    }
  }, 60_000);
});
