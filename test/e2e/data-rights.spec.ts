import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page, TestInfo } from '@playwright/test';
import pg from 'pg';
import { POSTGRES_TEST_URL } from '../../server/testing/databases';
import { ledgerPlaintext } from '../unit/helpers/ledgerPlaintext';
import {
  test,
  expect,
  memberBalance,
  ringUp,
  setUpTerminal,
  startTerminal,
  stopTerminal,
  type RunningTerminal,
  openFromMenu,
} from './fixtures';
import {
  adminCall,
  removeHeadOffice,
  startHeadOffice,
  stopHeadOffice,
  type RunningHeadOffice,
} from './headOffice';

/**
 * Issue 14 §4, end to end: consent answered at two stores, seen and exported at head office,
 * erased with two admins, gone from both terminals' screens and from every byte of both ledgers
 * and of head office's database, while the member's sales still add up in both Z reports.
 *
 * Head office runs on PGlite in a data directory, or, with HEAD_OFFICE_PG_TESTS=1, on a database
 * of its own on the PostgreSQL server (DATABASE_URL, as in production), dropped at the end.
 */

const PASSWORD = 'a long office password';
const NAME = 'Ho Ka Yan';
const PHONE = '9555 0303';
/** The phone as stored: E.164 and national digits both contain this. */
const PHONE_DIGITS = '95550303';
/** Another member of store A, who must stay everywhere (the scans would find a survivor). */
const OTHER = { name: 'Wong Siu Ming', phone: '9555 0404', digits: '95550404' };

function status(page: Page) {
  return page.getByTestId('connection-status');
}

/** Presses "Sync now" until `check` passes (the worker idles 5 s between rounds). */
async function syncUntil(page: Page, check: () => Promise<void>, timeout = 45_000) {
  const syncNow = page.getByRole('banner').getByRole('button', { name: /^(Sync now|Syncing…)$/ });
  await expect(async () => {
    await syncNow.click({ timeout: 5_000 });
    await expect(syncNow).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    await check();
  }).toPass({ timeout, intervals: [250, 500, 1_000] });
}

const synced = (page: Page) => () =>
  expect(status(page)).toContainText('Online · 0 changes waiting', { timeout: 1_000 });

/** Enrolls the terminal in Settings › Head office with a code for `store`. */
async function enrollAtHeadOffice(page: Page, url: string, code: string, store: string) {
  await page.keyboard.press('F8');
  const section = page.getByRole('region', { name: 'Head office' });
  await section.getByLabel('Head office address').fill(url);
  await section.getByLabel('Enrollment code').fill(code);
  await section.getByRole('button', { name: 'Enroll with head office' }).click();
  await expect(section.getByTestId('enrollment-result')).toContainText(
    `Enrolled with head office: store ${store}`,
    { timeout: 30_000 },
  );
}

/** A store and one enrollment code for it, made with the admin token. */
async function storeWithCode(headOffice: RunningHeadOffice, name: string): Promise<string> {
  const store = await adminCall<{ id: string }>(headOffice, 'POST', '/admin/stores', { name });
  const { code } = await adminCall<{ code: string }>(
    headOffice,
    'POST',
    `/admin/stores/${store.id}/enrollment-codes`,
    { ttlMinutes: 60 },
  );
  return code;
}

/** Rings up a sale for the member whose page is open, and confirms it. */
async function sellToOpenMember(page: Page, price: string) {
  await page.getByRole('button', { name: 'Start a sale for this member' }).click();
  await ringUp(page, price);
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-balance')).toBeVisible();
}

/** The terminal's Z report of the business day, every table of it as the manager reads it. */
async function zReport(page: Page): Promise<string> {
  await openFromMenu(page, 'Reports');
  await page.getByLabel('Z report (business day)').check();
  await expect(page.getByRole('heading', { name: 'Z report (day still open)' })).toBeVisible();
  // Every section but the sync status, whose "last successful sync" moves on by itself.
  const sections = page
    .locator('.report-section')
    .filter({ hasNot: page.getByRole('heading', { name: 'Sync with head office' }) });
  await expect(sections.first()).toBeVisible();
  return (await sections.allInnerTexts()).join('\n');
}

/** Searches the member screen (F3) and says what the list of matches holds once it settled. */
async function searchMembers(page: Page, query: string): Promise<string> {
  await page.keyboard.press('F3');
  const box = page.getByLabel('Phone, card number or name');
  const matches = page.getByRole('list', { name: 'Matching members' });
  const none = page.getByText('No member matches.');
  // Emptied first: typing the same query again would not search again after a sync, and the
  // last query's answer must be gone before this one's is read.
  await box.fill('');
  await expect(matches.or(none)).toHaveCount(0);
  await box.fill(query);
  await expect(matches.or(none)).toBeVisible();
  return (await none.isVisible()) ? '' : matches.innerText();
}

/** Signs in to the office UI in a context of its own. */
async function officeAs(browser: Browser, url: string, name: string): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Asia/Hong_Kong',
    acceptDownloads: true,
  });
  const office = await context.newPage();
  await office.goto(`${url}/office/`);
  const form = office.locator('form').filter({
    has: office.getByRole('heading', { name: 'Sign in', exact: true }),
  });
  await expect(form).toBeVisible();
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(office.getByText(`Signed in as ${name}`)).toBeVisible();
  return office;
}

/** Every file under `dir`, as bytes, with its path. */
function filesUnder(dir: string): { file: string; bytes: Buffer }[] {
  const found: { file: string; bytes: Buffer }[] = [];
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    const stat = statSync(file);
    if (stat.isDirectory()) found.push(...filesUnder(file));
    else if (stat.isFile()) found.push({ file, bytes: readFileSync(file) });
  }
  return found;
}

/**
 * Head office's data as text, on the PostgreSQL server: every row of every table in its schema
 * cast to text (`SELECT t::text FROM table t`), which covers the outbox-like sync_op and
 * change_log, the audit log, jobs and messages. The relation files themselves need superuser
 * access to the server's data directory, which a test does not have.
 */
async function postgresRowsAsText(databaseUrl: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
       WHERE table_type = 'BASE TABLE'
         AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    );
    const text = new Map<string, string>();
    for (const table of tables) {
      const qualified = `${client.escapeIdentifier(table.schema)}.${client.escapeIdentifier(table.name)}`;
      const { rows } = await client.query<{ row: string }>(
        `SELECT t::text AS row FROM ${qualified} t`,
      );
      text.set(`${table.schema}.${table.name}`, rows.map((r) => r.row).join('\n'));
    }
    return text;
  } finally {
    await client.end();
  }
}

/** A database of its own on the PostgreSQL server for this run, and how to drop it. */
async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `loyalty_e2e_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_TEST_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_TEST_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

const personal = [NAME, PHONE, PHONE_DIGITS];

test('consent at two stores, export, erasure with two admins: gone from every terminal and every byte, sales still add up', async ({
  browser,
  page: pageA,
}, testInfo: TestInfo) => {
  // Two terminals, head office and three office sessions: minutes on a loaded machine.
  test.setTimeout(600_000);
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const postgres = process.env.HEAD_OFFICE_PG_TESTS === '1' ? await createPostgresDatabase() : null;
  const headOffice = await startHeadOffice(
    undefined,
    postgres ? { databaseUrl: postgres.url } : {},
  );
  const terminals: RunningTerminal[] = [];
  const contextB = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Asia/Hong_Kong',
  });
  const offices: Page[] = [];
  let headOfficeRunning = true;
  try {
    const codeA = await storeWithCode(headOffice, 'Causeway Bay');
    const codeB = await storeWithCode(headOffice, 'Sha Tin');
    const terminalA = await startTerminal();
    terminals.push(terminalA);
    const terminalB = await startTerminal();
    terminals.push(terminalB);
    const pageB = await contextB.newPage();
    await setUpTerminal(pageA, terminalA, { terminalName: 'Till A' });
    await setUpTerminal(pageB, terminalB, { terminalName: 'Till B' });
    await enrollAtHeadOffice(pageA, headOffice.url, codeA, 'Causeway Bay');
    await enrollAtHeadOffice(pageB, headOffice.url, codeB, 'Sha Tin');

    // 1. At A: enrolled with SMS offers agreed and email offers declined; a sale for them and
    // one for another member.
    await pageA.keyboard.press('F4');
    await pageA.getByLabel('Name').fill(NAME);
    await pageA.getByLabel('Phone').fill(PHONE);
    await pageA.getByLabel('SMS, Offers: agrees', { exact: true }).check();
    await pageA.getByLabel('Email, Offers: declines', { exact: true }).check();
    await pageA.getByRole('button', { name: 'Enroll', exact: true }).click();
    await expect(pageA.getByRole('heading', { name: NAME })).toBeVisible();
    await expect(pageA.getByTestId('consent-sms-marketing')).toContainText('Agreed');
    await expect(pageA.getByTestId('consent-email-marketing')).toContainText('Declined');
    await sellToOpenMember(pageA, '120');
    await pageA.keyboard.press('F4');
    await pageA.getByLabel('Name').fill(OTHER.name);
    await pageA.getByLabel('Phone').fill(OTHER.phone);
    await pageA.getByLabel('SMS, Offers: agrees', { exact: true }).check();
    await pageA.getByRole('button', { name: 'Enroll', exact: true }).click();
    await expect(pageA.getByRole('heading', { name: OTHER.name })).toBeVisible();
    await sellToOpenMember(pageA, '50');
    await syncUntil(pageA, synced(pageA));

    // 2. At B, once the member arrived: SMS withdrawn in one step, and a sale.
    // Searched afresh each time (searchMembers empties the box): the same query typed again
    // would not search again after a sync.
    await syncUntil(pageB, async () => {
      await synced(pageB)();
      expect(await searchMembers(pageB, PHONE)).toContain('120 pts');
    });
    expect(await memberBalance(pageB, PHONE)).toBe('120 points');
    await pageB.getByRole('button', { name: 'Withdraw SMS, Offers', exact: true }).click();
    await expect(pageB.getByTestId('consent-sms-marketing')).toContainText('Declined');
    await sellToOpenMember(pageB, '80');
    await syncUntil(pageB, synced(pageB));
    await shot(pageB, 'B-01-withdrawn-and-sold');

    const zBefore = { a: await zReport(pageA), b: await zReport(pageB) };
    expect(zBefore.a).toContain('170.00');
    expect(zBefore.b).toContain('80.00');

    // 3. Head office: the first admin, and a second one; the member's history names both stores.
    const officeContext = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'en-GB',
      timezoneId: 'Asia/Hong_Kong',
      acceptDownloads: true,
    });
    const office = await officeContext.newPage();
    offices.push(office);
    await office.goto(`${headOffice.url}/office/`);
    await office.getByLabel('Admin token').fill(headOffice.adminToken);
    await office.getByLabel('Name').fill('Ms Lam');
    await office.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await office.getByLabel('The same password again').fill(PASSWORD);
    await office.getByRole('button', { name: 'Create and sign in' }).click();
    await expect(office.getByText('Signed in as Ms Lam')).toBeVisible();
    await adminCall(headOffice, 'POST', '/admin/admin-users', {
      name: 'Mr Ip',
      password: PASSWORD,
      role: 'admin',
    });

    await office.getByRole('button', { name: 'Members' }).click();
    await office.getByLabel('Reason for looking').selectOption('data_subject_request');
    await office.getByLabel('Phone, card number or name').fill(PHONE_DIGITS);
    await office.getByRole('button', { name: 'Find' }).click();
    const results = office.getByRole('list', { name: 'Matching members' });
    await expect(results.getByRole('button')).toHaveCount(1);
    await results.getByRole('button').click();
    const details = office.getByRole('region', { name: NAME });
    await expect(details).toBeVisible();
    const consentRows = details.getByRole('row').filter({ hasText: 'Consent' });
    await expect(consentRows.filter({ hasText: 'Causeway Bay' })).toHaveCount(2);
    await expect(consentRows.filter({ hasText: 'Sha Tin' })).toHaveCount(1);
    // The timeline words the answer as the consent list does, never 'sms marketing withdrawn'.
    await expect(consentRows.filter({ hasText: 'Sha Tin' })).toContainText(
      'SMS · Offers · does not agree',
    );
    await expect(details).not.toContainText('withdrawn');
    await expect(details).toContainText('SMS · Offers · does not agree');
    await expect(details).toContainText('Email · Offers · does not agree');
    await shot(office, 'HO-01-member-history');

    // 4. An access request, and its JSON export: this member, both stores, nobody else.
    const { members } = await adminCall<{ members: { id: string; name: string }[] }>(
      headOffice,
      'GET',
      `/admin/members?q=${PHONE_DIGITS}&reason=data_subject_request`,
    );
    const memberId = members[0]?.id ?? '';
    expect(members).toHaveLength(1);
    await office.getByRole('button', { name: 'Data requests' }).click();
    const logForm = office.getByRole('form', { name: 'Log a request' });
    await logForm.getByLabel('Request').selectOption('access');
    // Nothing is logged until a member is picked: found by phone as on the Members page.
    await expect(logForm.getByRole('button', { name: 'Log a request' })).toBeDisabled();
    await logForm.getByLabel('Member: phone, card number or name').fill(PHONE_DIGITS);
    await logForm.getByRole('button', { name: 'Find' }).click();
    const whose = logForm.getByRole('group', { name: 'Whose request' });
    await expect(whose.getByRole('radio')).toHaveCount(1);
    await expect(whose.getByRole('radio', { name: new RegExp(NAME) })).toBeChecked();
    await shot(office, 'HO-02-log-request');
    await logForm.getByRole('button', { name: 'Log a request' }).click();
    const accessRow = office.getByRole('row').filter({ hasText: 'Access' });
    await expect(accessRow).toHaveCount(1);
    const [download] = await Promise.all([
      office.waitForEvent('download'),
      accessRow.getByRole('link', { name: 'Export JSON' }).click(),
    ]);
    const exported = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      memberId: string;
      sections: { name: string; rows: Record<string, unknown>[] }[];
    };
    const section = (name: string) => exported.sections.find((s) => s.name === name)?.rows ?? [];
    expect(exported.memberId).toBe(memberId);
    expect(section('profile')[0]).toMatchObject({ name: NAME });
    expect(
      section('sales')
        .map((s) => [s.store, s.totalMinor])
        .sort(),
    ).toEqual([
      ['Causeway Bay', 12_000],
      ['Sha Tin', 8_000],
    ]);
    const consentStores = new Set(section('consentHistory').map((e) => e.store));
    expect(consentStores).toEqual(new Set(['Causeway Bay', 'Sha Tin']));
    const text = JSON.stringify(exported);
    expect(text).toContain(PHONE_DIGITS);
    for (const value of [OTHER.name, OTHER.digits]) expect(text).not.toContain(value);
    const other = (
      await adminCall<{ members: { id: string }[] }>(
        headOffice,
        'GET',
        `/admin/members?q=${OTHER.digits}&reason=data_subject_request`,
      )
    ).members[0]?.id;
    expect(other).toBeTruthy();
    expect(text).not.toContain(other ?? 'no other member');

    // 5. Erasure: logged by Ms Lam, who cannot approve it herself; Mr Ip approves.
    await logForm.getByLabel('Request').selectOption('erasure');
    await logForm.getByLabel('Member: phone, card number or name').fill(PHONE_DIGITS);
    await logForm.getByLabel('Member: phone, card number or name').press('Enter');
    await expect(whose.getByRole('radio', { name: new RegExp(NAME) })).toBeChecked();
    await logForm.getByRole('button', { name: 'Log a request' }).click();
    const erasureRow = office.getByRole('row').filter({ hasText: 'Erasure' });
    await expect(erasureRow).toHaveCount(1);
    await erasureRow.getByRole('button', { name: 'Approve erasure' }).click();
    await office.getByRole('alertdialog').getByRole('button', { name: 'Approve erasure' }).click();
    await expect(office.getByRole('alert')).toContainText('An erasure needs a second admin');
    await expect(erasureRow).toContainText('Open');

    const second = await officeAs(browser, headOffice.url, 'Mr Ip');
    offices.push(second);
    await second.getByRole('button', { name: 'Data requests' }).click();
    const toApprove = second.getByRole('row').filter({ hasText: 'Erasure' });
    await toApprove.getByRole('button', { name: 'Approve erasure' }).click();
    const dialog = second.getByRole('alertdialog');
    await expect(dialog).toContainText('Erase this member everywhere?');
    await shot(second, 'HO-02-approve');
    await dialog.getByRole('button', { name: 'Approve erasure' }).click();
    await expect(toApprove).toContainText('Completed');
    await shot(second, 'HO-03-erased');

    // 6. Both terminals pull the erasure: neither finds the member by phone or name; the other
    // member is still found.
    for (const page of [pageA, pageB]) {
      await syncUntil(
        page,
        async () => {
          expect(await searchMembers(page, PHONE)).toBe('');
          expect(await searchMembers(page, 'Ho Ka')).toBe('');
        },
        120_000,
      );
      // Lists show first names and masked phones.
      expect(await searchMembers(page, 'Wong')).toContain('•••• 0404');
    }
    await shot(pageB, 'B-02-not-found');

    // 8. Their sales still add up: each Z report is what it was before the erasure.
    expect(await zReport(pageA)).toBe(zBefore.a);
    expect(await zReport(pageB)).toBe(zBefore.b);

    // 7. Byte scans. Terminals are stopped first: closing the ledger checkpoints its WAL, as
    // the product does after every erasure it pulls.
    for (const terminal of terminals) {
      const exited = new Promise((resolve) => terminal.process.once('exit', resolve));
      terminal.process.kill('SIGTERM');
      await exited;
    }
    const [ledgerA, ledgerB] = terminals.map((t) => ledgerPlaintext(t.dataDir));
    for (const [label, bytes] of [
      ['ledger A', ledgerA],
      ['ledger B', ledgerB],
    ] as const) {
      for (const value of personal)
        expect(bytes?.includes(value), `${label}: ${value}`).toBe(false);
    }
    // The scan reads plaintext: the other member, enrolled at A, is found in A's ledger.
    expect(ledgerA?.includes(OTHER.name)).toBe(true);
    // The terminals' other files (logs) never held personal data.
    for (const terminal of terminals) {
      for (const { file, bytes } of filesUnder(terminal.dataDir)) {
        if (path.basename(file).startsWith('ledger.sqlite3')) continue;
        for (const value of personal)
          expect(bytes.includes(value), `${file}: ${value}`).toBe(false);
      }
    }

    await stopHeadOffice(headOffice);
    headOfficeRunning = false;
    if (postgres) {
      const tables = await postgresRowsAsText(postgres.url);
      expect(tables.size).toBeGreaterThan(30);
      for (const [table, rows] of tables) {
        for (const value of personal)
          expect(rows.includes(value), `${table}: ${value}`).toBe(false);
      }
      expect([...tables.values()].some((rows) => rows.includes(OTHER.name))).toBe(true);
    }
    // Head office's folder: PGlite's data directory (every relation file, the WAL) and its
    // logs; on the PostgreSQL server, its logs.
    const files = filesUnder(headOffice.dataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const { file, bytes } of files) {
      for (const value of personal) expect(bytes.includes(value), `${file}: ${value}`).toBe(false);
    }
    if (!postgres) expect(files.some(({ bytes }) => bytes.includes(OTHER.name))).toBe(true);
  } finally {
    // The terminals' and head office's logs, kept with the test's results.
    for (const [i, dir] of [...terminals.map((t) => t.dataDir), headOffice.dataDir].entries()) {
      const logs = path.join(dir, 'logs');
      if (existsSync(logs)) cpSync(logs, testInfo.outputPath(`logs-${i}`), { recursive: true });
    }
    for (const office of offices) await office.context().close();
    await contextB.close();
    for (const terminal of terminals) await stopTerminal(terminal);
    if (headOfficeRunning) await stopHeadOffice(headOffice);
    removeHeadOffice(headOffice);
    await postgres?.drop();
  }
});
