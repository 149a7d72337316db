import type { Page, TestInfo } from '@playwright/test';
import { enrollResponse } from '../../shared/sync/protocol';
import { TerminalScript, TestClock } from '../../server/testing/terminalScript';
import { expect, memberBalance, setUpTerminal, test } from './fixtures';
import { removeHeadOffice, startHeadOffice, stopHeadOffice } from './headOffice';

const PASSWORD = 'a long office password';
/** The member a scripted till overdraws (see below); the browser terminal finds them by phone. */
const PHONE_E164 = '+85295550202';
const PHONE = '9555 0202';

function status(page: Page) {
  return page.getByTestId('connection-status');
}

/** Presses the terminal's "Sync now" until `check` passes (the worker idles between rounds). */
async function syncUntil(page: Page, check: () => Promise<void>, timeout = 45_000) {
  const syncNow = page.getByRole('banner').getByRole('button', { name: /^(Sync now|Syncing…)$/ });
  await expect(async () => {
    await syncNow.click({ timeout: 5_000 });
    await expect(syncNow).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    await check();
  }).toPass({ timeout, intervals: [250, 500, 1_000] });
}

/**
 * The sign-in form, once it shows. Signing out takes a round trip, and until it ends the page
 * behind still has fields whose labels contain "Name" ("New store name", 「新分店名稱」): filling
 * before the form shows typed the name into the store form and signed in with no name.
 */
async function signInForm(page: Page, title: string) {
  const form = page.locator('form').filter({
    has: page.getByRole('heading', { name: title, exact: true }),
  });
  await expect(form).toBeVisible();
  return form;
}

/**
 * A second till, scripted over HTTP with the sync protocol (server/testing/terminalScript.ts):
 * it enrolls with a code from the UI, enrolls a member, and spends more points than the member
 * holds, as a till that was offline would. Head office raises the overdraft.
 */
async function overdrawFromScriptedTill(url: string, code: string): Promise<void> {
  const enrolled = await fetch(`${url}/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, terminalName: 'Scripted till', appVersion: '0.1.0' }),
  });
  expect(enrolled.status).toBe(201);
  const till = enrollResponse.parse(await enrolled.json());
  const script = new TerminalScript(
    {
      auth: {
        terminalId: till.terminalId,
        storeId: till.storeId,
        terminalNumber: till.terminalNumber,
      },
      credential: till.credential,
      storeId: till.storeId,
      storeName: till.storeName,
    },
    new TestClock(Date.now()),
  );
  const member = script.enrollMember({ name: '李大文', phoneE164: PHONE_E164 });
  // Offers chosen from purchases: without it the member is left out of analytics' member lists.
  script.recordConsent({ memberId: member.memberId, purpose: 'profiling', answer: 'granted' });
  script.sale({ memberId: member.memberId, earn: 100 });
  script.sale({ memberId: member.memberId, redeem: 300, offline: true });
  const pushed = await fetch(`${url}/sync/push`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${till.credential}`,
    },
    body: JSON.stringify({ ...script.batch(), outboxPending: 0 }),
  });
  expect(pushed.status).toBe(200);
}

test('head office: sign in, enroll a terminal, resolve an overdraft, change the program, in 繁體中文 too', async ({
  browser,
  page: till,
  terminal,
}, testInfo: TestInfo) => {
  test.setTimeout(240_000);
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  const headOffice = await startHeadOffice();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Asia/Hong_Kong',
  });
  const office = await context.newPage();
  try {
    // 1. A new head office: the first admin is made with the token printed at first start.
    await office.goto(`${headOffice.url}/office/`);
    await expect(office.getByRole('heading', { name: 'Create the first admin' })).toBeVisible();
    await office.getByLabel('Admin token').fill(headOffice.adminToken);
    await office.getByLabel('Name').fill('Ms Lam');
    await office.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await office.getByLabel('The same password again').fill(PASSWORD);
    await shot(office, '01-first-admin');
    await office.getByRole('button', { name: 'Create and sign in' }).click();
    await expect(office.getByText('Signed in as Ms Lam')).toBeVisible();

    // Signing out and in again, with one wrong password on the way.
    await office.getByRole('button', { name: 'Sign out' }).click();
    const signIn = await signInForm(office, 'Sign in');
    await signIn.getByLabel('Name', { exact: true }).fill('Ms Lam');
    await signIn.getByLabel('Password', { exact: true }).fill('not the password');
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(office.getByRole('alert')).toHaveText('That name and password do not match.');
    await shot(office, '02-wrong-password');
    await signIn.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await signIn.getByRole('button', { name: 'Sign in' }).click();
    await expect(office.getByText('Signed in as Ms Lam')).toBeVisible();

    // 2. A store and its one-time code, shown once.
    await office.getByLabel('New store name').fill('Causeway Bay');
    await office.getByRole('button', { name: 'Create store' }).click();
    const codeText = office.getByTestId('enrollment-code');
    await expect(codeText).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    const code = await codeText.innerText();
    await shot(office, '03-store-and-code');

    // 3. The browser-host terminal enrolls with it; head office sees it.
    await setUpTerminal(till, terminal, { terminalName: 'Till 1' });
    await till.keyboard.press('F8');
    const section = till.getByRole('region', { name: 'Head office' });
    await section.getByLabel('Head office address').fill(headOffice.url);
    await section.getByLabel('Enrollment code').fill(code);
    await section.getByRole('button', { name: 'Enroll with head office' }).click();
    await expect(section.getByTestId('enrollment-result')).toContainText(
      'Enrolled with head office: store Causeway Bay',
    );
    await syncUntil(till, () => expect(status(till)).toContainText('Online', { timeout: 1_000 }));

    await office.getByRole('button', { name: 'Done' }).click();
    const row = office.getByRole('table', { name: 'Terminals' }).getByRole('row', {
      name: /Till 1/,
    });
    await expect(async () => {
      await office.getByRole('button', { name: 'Refresh' }).click();
      await expect(row.getByTestId('last-seen')).not.toHaveText('Never', { timeout: 1_000 });
      await expect(row.getByTestId('waiting')).toHaveText('0', { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(row).toContainText('0.1.0');
    await shot(office, '04-terminal-seen');

    // 4. A second till overdraws a member; the browser terminal learns the negative balance.
    await office.getByRole('button', { name: 'New enrollment code' }).click();
    const secondCode = await office.getByTestId('enrollment-code').innerText();
    await overdrawFromScriptedTill(headOffice.url, secondCode);
    await syncUntil(till, async () =>
      expect(await memberBalance(till, PHONE)).toMatch(/^[-−]200\b/),
    );
    await shot(till, '05-terminal-overdrawn');

    // 5. The exception, resolved by writing it off: the member is back at zero everywhere.
    await office.getByRole('button', { name: 'Exceptions' }).click();
    await office.getByRole('button', { name: /#1 Points overdraft/ }).click();
    await expect(office.locator('[data-fact="balanceAfter"]')).toHaveText('-200');
    await office.getByRole('radio', { name: /Write off/ }).check();
    await office.getByLabel('Note for the record').fill('Loyal customer; head office absorbs it.');
    await shot(office, '06-exception');
    await office.getByRole('button', { name: 'Resolve' }).click();
    const dialog = office.getByRole('alertdialog');
    await expect(dialog).toContainText('Write off exception 1?');
    await dialog.getByRole('button', { name: 'Write off' }).click();
    await expect(office.getByTestId('balance-change')).toHaveText("Member's points: -200 → 0");
    await expect(office.getByTestId('resolution')).toContainText('Write off by Ms Lam');
    // It leaves the open list at once; the resolved list has it.
    await expect(office.getByRole('button', { name: /#1 Points overdraft/ })).toHaveCount(0);
    await expect(office.getByText('Nothing here.')).toBeVisible();
    await shot(office, '07-written-off');
    await office.getByRole('radio', { name: 'Resolved' }).check();
    await expect(office.getByRole('button', { name: /#1 Points overdraft/ })).toBeVisible();
    await syncUntil(till, async () => expect(await memberBalance(till, PHONE)).toMatch(/^0\b/));
    await shot(till, '08-terminal-balance-zero');

    // 5b. Analytics: RFM opens over all history (head office's member activity summary); the
    // scripted till's member bought twice today, the only buyer: the best recency (R = 5), and
    // frequency and spend are also the worst there is (F = M = 1): "New customers".
    await office.getByRole('button', { name: 'Analytics' }).click();
    await expect(office.getByRole('radio', { name: 'All history (as of today)' })).toBeChecked();
    await expect(
      office.getByRole('img', { name: /^1 member who has ever bought, as of / }),
    ).toBeVisible();
    await shot(office, '08b-rfm-all-history');
    await office.getByRole('button', { name: 'New customers (1): show the members' }).click();
    await expect(office.getByRole('region', { name: 'New customers (1)' })).toContainText('大文');
    await office.getByRole('button', { name: 'Back to the charts' }).click();
    await office.getByRole('radio', { name: 'This period' }).check();
    await expect(
      office.getByRole('img', { name: '1 member who bought in the period, by segment.' }),
    ).toBeVisible();

    // 6. The program: 3 points per dollar instead of 1, referral points and a longer tier grace
    // period, saved as a new version for every store. Version 1 is the defaults head office
    // started with.
    await office.getByRole('button', { name: 'Program' }).click();
    await expect(office.getByTestId('config-version')).toHaveText('Version 1');
    await expect(office.locator('[data-version="1"]')).toContainText('starting defaults');
    const earn = office.getByTestId('earn-points');
    await earn.fill('');
    await expect(office.getByText('Values to fix before saving: 1.')).toBeVisible();
    await expect(office.getByRole('button', { name: 'Save for every store' })).toBeDisabled();
    await earn.fill('3');
    await office.getByTestId('referrer-points').fill('50');
    await office.getByTestId('referee-points').fill('20');
    await office.getByTestId('tier-grace-days').fill('400');
    await expect(office.getByTestId('tier-grace-days')).toHaveAttribute('aria-invalid', 'true');
    await expect(office.getByRole('button', { name: 'Save for every store' })).toBeDisabled();
    await office.getByTestId('tier-grace-days').fill('45');
    await office.getByRole('button', { name: 'Save for every store' }).click();
    await expect(office.getByRole('status')).toHaveText(
      'Saved as version 2. Terminals adopt it on their next sync.',
    );
    await expect(office.getByTestId('config-version')).toHaveText('Version 2');
    await expect(office.locator('[data-version="2"]')).toContainText('Ms Lam');
    await expect(office.locator('.office-history li').first()).toHaveAttribute('data-version', '2');
    await shot(office, '09-program-saved');
    await syncUntil(till, async () => {
      await till.keyboard.press('F7');
      await expect(
        till.getByRole('region', { name: 'Earning points' }).getByLabel('Points', { exact: true }),
      ).toHaveValue('3', { timeout: 2_000 });
    });
    const referrals = till.getByRole('region', { name: 'Referrals' });
    await expect(referrals.getByLabel('Points for the referrer')).toHaveValue('50');
    await expect(referrals.getByLabel('Points for the new member')).toHaveValue('20');
    await expect(till.getByLabel('Grace period (days)')).toHaveValue('45');
    await shot(till, '10-terminal-program');

    // 7. 繁體中文, remembered for Ms Lam after signing in again.
    await office.getByLabel('Language').selectOption('zh-Hant');
    await expect(office.getByRole('button', { name: '分店與終端機' })).toBeVisible();
    await office.getByRole('button', { name: '分店與終端機' }).click();
    await expect(office.getByRole('heading', { name: '分店', exact: true })).toBeVisible();
    await shot(office, '11-zh-Hant');
    await office.getByRole('button', { name: '登出' }).click();
    const signInAgain = await signInForm(office, '登入');
    await signInAgain.getByLabel('名稱', { exact: true }).fill('Ms Lam');
    await signInAgain.getByLabel('密碼', { exact: true }).fill(PASSWORD);
    await signInAgain.getByRole('button', { name: '登入' }).click();
    await expect(office.getByText('已登入：Ms Lam')).toBeVisible();
  } finally {
    await context.close();
    await stopHeadOffice(headOffice);
    removeHeadOffice(headOffice);
  }
});
