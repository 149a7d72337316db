import type { Page, TestInfo } from '@playwright/test';
import {
  test,
  expect,
  setUpTerminal,
  enrollMember,
  memberBalance,
  ringUp,
  startTerminal,
  stopTerminal,
} from './fixtures';
import type { RunningTerminal } from './fixtures';
import {
  freePort,
  provisionStore,
  removeHeadOffice,
  setOfflinePolicy,
  startHeadOffice,
  stopHeadOffice,
  type RunningHeadOffice,
} from './headOffice';

const PHONE = '9555 0101';
/** What a cashier types to find them. */
const SEARCH = '9555';

function status(page: Page) {
  return page.getByTestId('connection-status');
}

/**
 * Presses the top bar's "Sync now" until the status says `text`. The worker idles 5 s between
 * rounds and backs off up to 60 s after a failure; pressing the button never waits on either.
 */
async function syncUntil(page: Page, text: string | RegExp, timeout = 45_000): Promise<void> {
  const syncNow = page.getByRole('banner').getByRole('button', { name: /^(Sync now|Syncing…)$/ });
  await expect(async () => {
    await syncNow.click({ timeout: 5_000 });
    await expect(syncNow).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    await expect(status(page)).toContainText(text, { timeout: 1_000 });
  }).toPass({ timeout, intervals: [250, 500, 1_000] });
}

/** Finds the member by phone on the sale screen and attaches them to the sale. */
async function attachMember(page: Page, phone: string): Promise<void> {
  await page.keyboard.press('F2');
  await page.getByLabel('Attach member').fill(phone);
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  await expect(page.getByTestId('sale-member-balance')).toBeVisible();
}

/** Enrolls the terminal in Settings › Head office and checks what head office assigned. */
async function enrollAtHeadOffice(page: Page, url: string, code: string): Promise<string> {
  await page.keyboard.press('F8');
  const section = page.getByRole('region', { name: 'Head office' });
  await section.getByLabel('Head office address').fill(url);
  await section.getByLabel('Enrollment code').fill(code);
  await section.getByRole('button', { name: 'Enroll with head office' }).click();
  const result = section.getByTestId('enrollment-result');
  await expect(result).toContainText('Enrolled with head office: store Causeway Bay');
  const number = /terminal number (\d{5})/.exec(await result.innerText())?.[1];
  expect(number).toBeTruthy();
  await expect(section.getByTestId('sync-server')).toHaveText(url);
  // The shop's own name stays on the screen and its receipts (issue 16 §6), and the result says
  // how new card numbers begin from now on.
  const shopName = await page.getByRole('banner').innerText();
  expect(shopName).not.toContain('Causeway Bay');
  await expect(result).toContainText('Receipts still say');
  await expect(result).toContainText(`New member cards start with 2 ${number ?? ''}`);
  return number ?? '';
}

test('two terminals share a member through head office, sell through an outage and converge', async ({
  browser,
  page: pageA,
}, testInfo: TestInfo) => {
  test.setTimeout(240_000);
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });

  let headOffice: RunningHeadOffice | null = await startHeadOffice();
  const firstHeadOffice = headOffice;
  const terminals: RunningTerminal[] = [];
  const contextB = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Asia/Hong_Kong',
  });
  try {
    const { codes } = await provisionStore(headOffice, 'Causeway Bay', 2);
    const [codeA = '', codeB = ''] = codes;
    // A small offline cap, so the outage below meets it on an ordinary sale.
    await setOfflinePolicy(headOffice, {
      maxPointsPerSaleOffline: 100,
      maxPointsPerMemberOffline: 1000,
      maxOfflineHours: 24,
    });

    const terminalA = await startTerminal();
    terminals.push(terminalA);
    const terminalB = await startTerminal();
    terminals.push(terminalB);
    const pageB = await contextB.newPage();
    await setUpTerminal(pageA, terminalA, { terminalName: 'Till A' });
    await setUpTerminal(pageB, terminalB, { terminalName: 'Till B' });
    await expect(status(pageA)).toContainText('Offline');
    await expect(status(pageA)).toContainText('Not enrolled with head office');

    // Enrollment: A with its code; B first meets an address nobody answers and a spent code.
    const numberA = await enrollAtHeadOffice(pageA, headOffice.url, codeA);
    await shot(pageA, 'A-01-enrolled');

    await pageB.keyboard.press('F8');
    const formB = pageB.getByRole('region', { name: 'Head office' });
    await formB.getByLabel('Head office address').fill('not an address');
    await formB.getByLabel('Enrollment code').fill(codeA);
    await formB.getByRole('button', { name: 'Enroll with head office' }).click();
    await expect(formB.getByRole('alert')).toHaveText(
      'Something entered is not valid. Check the highlighted fields.',
    );
    await expect(formB.getByLabel('Head office address')).toHaveAttribute('aria-invalid', 'true');
    await formB.getByLabel('Head office address').fill(`http://127.0.0.1:${await freePort()}`);
    await formB.getByRole('button', { name: 'Enroll with head office' }).click();
    await expect(formB.getByRole('alert')).toHaveText(
      'Head office did not answer. Check the address and the network.',
    );
    await formB.getByLabel('Head office address').fill(headOffice.url);
    await formB.getByRole('button', { name: 'Enroll with head office' }).click();
    await expect(formB.getByRole('alert')).toHaveText(
      'Head office refused the enrollment code: the code has already been used; ask for a new one.',
    );
    await shot(pageB, 'B-01-enrollment-refused');
    const numberB = await enrollAtHeadOffice(pageB, headOffice.url, codeB);
    expect(numberB).not.toBe(numberA);
    await shot(pageB, 'B-02-enrolled');

    // 1. A enrolls a member and earns; once A has sent everything, B finds them and redeems.
    await enrollMember(pageA, { name: '陳美玲', phone: PHONE });
    await pageA.getByRole('button', { name: 'Start a sale for this member' }).click();
    await ringUp(pageA, '500');
    await expect(pageA.getByTestId('points-to-earn')).toHaveText('+500');
    await pageA.keyboard.press('F9');
    await expect(pageA.getByTestId('receipt-balance')).toHaveText('500 points');
    await syncUntil(pageA, 'Online · 0 changes waiting');
    await expect(status(pageA)).toContainText('Synced just now');
    await shot(pageA, 'A-02-synced');

    // A round B had under way before A's push may end "synced" without the member: retry.
    await expect(async () => {
      await syncUntil(pageB, 'Online · 0 changes waiting');
      expect(await memberBalance(pageB, SEARCH)).toBe('500 points');
    }).toPass({ timeout: 45_000 });
    await attachMember(pageB, SEARCH);
    await expect(pageB.getByTestId('sale-member-balance')).toHaveText('500 points');
    await ringUp(pageB, '100');
    await pageB.getByLabel('Points to use').fill('200');
    await expect(pageB.getByTestId('sale-to-pay')).toHaveText('HK$90.00');
    // Online, head office's offline cap does not apply.
    await expect(pageB.getByTestId('offline-limit')).toHaveCount(0);
    await shot(pageB, 'B-03-redeem-online');
    await pageB.keyboard.press('F9');
    await expect(pageB.getByTestId('receipt-balance')).toHaveText('390 points');
    await syncUntil(pageB, 'Online · 0 changes waiting');
    await expect(async () => {
      await syncUntil(pageA, 'Online · 0 changes waiting');
      expect(await memberBalance(pageA, SEARCH)).toBe('390 points');
    }).toPass({ timeout: 30_000 });
    await shot(pageA, 'A-03-member-after-redeem-at-B');

    // 2. Head office goes away: both terminals keep selling, and say what waits to be sent.
    await stopHeadOffice(headOffice);
    headOffice = null;
    await syncUntil(pageA, 'Offline');
    await attachMember(pageA, SEARCH);
    await ringUp(pageA, '50');
    await pageA.keyboard.press('F9');
    await expect(pageA.getByTestId('receipt-balance')).toHaveText('440 points');
    await expect(status(pageA)).toContainText(/Offline · [1-9]\d* changes? waiting/);
    await shot(pageA, 'A-04-offline-sale');

    await syncUntil(pageB, 'Offline');
    await attachMember(pageB, SEARCH);
    await ringUp(pageB, '100');
    const limit = pageB.getByTestId('offline-limit');
    await expect(limit).toContainText(
      'Offline: at most 100 points on this sale (head office’s per-sale limit).',
    );
    await expect(pageB.getByRole('button', { name: 'Use 100 points' })).toBeVisible();
    await pageB.getByLabel('Points to use').fill('150');
    await expect(pageB.getByRole('region', { name: 'Pay with points' })).toContainText(
      'Offline, points are limited to 100 here (head office’s per-sale limit).',
    );
    await expect(pageB.getByRole('button', { name: /Confirm sale/ })).toBeDisabled();
    await shot(pageB, 'B-04-offline-limit');
    await limit.getByRole('button', { name: 'Manager override' }).click();
    await limit.getByLabel('Manager PIN').fill('1111');
    await limit.getByRole('button', { name: 'Approve' }).click();
    await expect(limit.getByRole('alert')).toHaveText('That PIN is not a manager’s PIN.');
    await shot(pageB, 'B-05-override-wrong-pin');
    await limit.getByLabel('Manager PIN').fill('2468');
    await limit.getByRole('button', { name: 'Approve' }).click();
    await expect(pageB.getByTestId('offline-override')).toContainText(
      'A manager approved going past the offline limit on this sale.',
    );
    await expect(pageB.getByTestId('sale-to-pay')).toHaveText('HK$92.50');
    await shot(pageB, 'B-06-offline-override');
    await pageB.keyboard.press('F9');
    await expect(pageB.getByTestId('receipt-balance')).toHaveText('332 points');
    await expect(status(pageB)).toContainText(/Offline · [1-9]\d* changes? waiting/);
    await status(pageB).click();
    const details = pageB.getByRole('region', { name: 'Sync details' });
    await expect(details.getByTestId('sync-last-error')).toContainText(
      'Head office could not be reached.',
    );
    await shot(pageB, 'B-07-offline-details');
    await pageB.keyboard.press('Escape');
    await expect(details).toHaveCount(0);
    await expect(status(pageB)).toBeFocused();

    // 3. Head office comes back on the same data and address: both terminals converge.
    headOffice = await startHeadOffice(firstHeadOffice);
    await syncUntil(pageA, 'Online · 0 changes waiting');
    await syncUntil(pageB, 'Online · 0 changes waiting');
    // 500 - 200 + 90 (B) + 50 (A, offline) - 150 + 92 (B, offline, approved) = 382.
    for (const page of [pageA, pageB]) {
      await expect(async () => {
        await syncUntil(page, 'Online · 0 changes waiting');
        expect(await memberBalance(page, SEARCH)).toBe('382 points');
      }).toPass({ timeout: 45_000 });
    }
    await expect(status(pageA)).toContainText('Synced just now');
    await shot(pageA, 'A-05-converged');
    await shot(pageB, 'B-08-converged');

    // The head-office section in Traditional Chinese, once enrolled.
    await pageB.keyboard.press('F8');
    await pageB.getByRole('button', { name: '繁體中文' }).click();
    await expect(pageB.getByRole('region', { name: '總部' })).toContainText('已登記 · 在線');
    await expect(status(pageB)).toContainText('在線 · 0 項變更待傳送');
    await shot(pageB, 'B-09-settings-zh-Hant');
  } finally {
    if (headOffice) await stopHeadOffice(headOffice);
    removeHeadOffice(firstHeadOffice);
    await contextB.close();
    for (const terminal of terminals) await stopTerminal(terminal);
  }
});
