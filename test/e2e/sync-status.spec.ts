import type { Page, Route } from '@playwright/test';
import type { ConnectionStatus, SalePreview } from '../../shared/domain';
import { test, expect, setUpTerminal, enrollMember, ringUp } from './fixtures';
import { freePort } from './headOffice';

/**
 * The status badge and the offline limit in the states a real outage rarely shows on cue: a
 * refused terminal, a long catch-up, a clock far from head office's. The terminal host is real;
 * only its answers to terminal.status (and sale.preview's offline limit) are replaced.
 */

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const enrolledOnline: ConnectionStatus = {
  online: true,
  pendingChanges: 0,
  enrolled: true,
  serverUrl: 'https://head-office.example.com',
  lastSuccessAt: minutesAgo(2),
  lastError: null,
  lastErrorCode: null,
  lastErrorAt: null,
  catchUpProgress: null,
  clockOffsetMs: 800,
  clockWarning: false,
  programVersion: 1,
  refusedChanges: 0,
};

/** Answers terminal.status with whatever `current` holds, and sync.now with "synced". */
async function fakeStatus(page: Page, current: { status: ConnectionStatus }): Promise<void> {
  await page.route('**/api/terminal.status', (route: Route) =>
    route.fulfill({ json: { ok: true, value: current.status } }),
  );
  await page.route('**/api/sync.now', (route: Route) =>
    route.fulfill({ json: { ok: true, value: { result: 'synced' } } }),
  );
}

/** "Sync now" reads the status again at once, so the badge shows the new state without a wait. */
async function show(page: Page, current: { status: ConnectionStatus }, next: ConnectionStatus) {
  current.status = next;
  await page
    .getByRole('banner')
    .getByRole('button', { name: /Sync now|立即同步/ })
    .click();
}

test('the status badge says online, offline, what failed, how far a catch-up is and a clock warning', async ({
  page,
  terminal,
}, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  const badge = page.getByTestId('connection-status');
  await setUpTerminal(page, terminal);
  await expect(badge).toContainText('Offline');
  await expect(badge).toContainText('Not enrolled with head office');
  // A terminal without head office has nothing to sync now.
  await expect(page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
  await badge.click();
  await expect(page.getByRole('region', { name: 'Sync details' })).toContainText(
    'Enroll this terminal with head office in Settings (F8).',
  );
  await shot('01-not-enrolled');
  await badge.click();

  // The enrollment form, with an address nobody answers, in English and Traditional Chinese.
  await page.keyboard.press('F8');
  const section = page.getByRole('region', { name: 'Head office' });
  await section.getByLabel('Head office address').fill(`http://127.0.0.1:${await freePort()}`);
  await section.getByLabel('Enrollment code').fill('KXM4-7PQR');
  await section.getByRole('button', { name: 'Enroll with head office' }).click();
  await expect(section.getByRole('alert')).toHaveText(
    'Head office did not answer. Check the address and the network.',
  );
  await expect(section.getByLabel('Head office address')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('02-enroll-form-en.png'), fullPage: true });
  await page.getByRole('button', { name: '繁體中文' }).click();
  const sectionZh = page.getByRole('region', { name: '總部' });
  await expect(sectionZh.getByLabel('總部地址')).toBeVisible();
  await sectionZh.getByRole('button', { name: '登記到總部' }).click();
  await expect(sectionZh.getByRole('alert')).toHaveText('總部沒有回應，請檢查地址及網絡。');
  await page.screenshot({
    path: testInfo.outputPath('03-enroll-form-zh-Hant.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('F2');

  const current = { status: enrolledOnline };
  await fakeStatus(page, current);
  await page.reload();
  await expect(badge).toContainText('Online · 0 changes waiting');
  await expect(badge).toContainText('Synced 2 min ago');
  await shot('04-online');

  // Head office refused one change: the outbox moved on, and the cashier is told, in the singular.
  await show(page, current, { ...enrolledOnline, pendingChanges: 1, refusedChanges: 1 });
  await expect(badge).toContainText('Online · 1 change waiting');
  await expect(page.getByTestId('connection-refused')).toHaveText(
    '1 change refused by head office',
  );
  await show(page, current, { ...enrolledOnline, refusedChanges: 2 });
  await expect(page.getByTestId('connection-refused')).toHaveText(
    '2 changes refused by head office',
  );
  await shot('04b-refused');

  await show(page, current, {
    ...enrolledOnline,
    online: false,
    pendingChanges: 37,
    lastSuccessAt: minutesAgo(185),
    lastError: 'fetch failed',
    lastErrorCode: 'unreachable',
    lastErrorAt: minutesAgo(0),
  });
  await expect(badge).toContainText('Offline · 37 changes waiting');
  await expect(page.getByTestId('connection-refused')).toHaveCount(0);
  await expect(badge).toContainText(/Synced at .*\d{1,2}:\d{2}/);
  await expect(
    page.getByRole('status').filter({ hasText: 'Offline · 37 changes waiting' }),
  ).toHaveCount(1);
  await badge.click();
  const details = page.getByRole('region', { name: 'Sync details' });
  await expect(details.getByTestId('sync-last-error')).toContainText(
    'Head office could not be reached. Sales go on; changes wait here and are sent when it answers.',
  );
  await expect(details.getByTestId('sync-last-error')).toContainText(
    'Technical detail: fetch failed',
  );
  await shot('05-offline-error-details');
  await page.keyboard.press('Escape');

  await show(page, current, {
    ...enrolledOnline,
    online: false,
    pendingChanges: 1,
    lastError: 'head office answered 403 (terminal_revoked: This terminal was revoked.)',
    lastErrorCode: 'refused',
    lastErrorAt: minutesAgo(1),
  });
  await expect(badge).toContainText('Offline · 1 change waiting');
  await badge.click();
  await expect(details.getByTestId('sync-last-error')).toContainText(
    'Head office refused this terminal. Its access may have been revoked: call head office.',
  );
  await shot('06-refused');
  await page.keyboard.press('Escape');

  await show(page, current, { ...enrolledOnline, pendingChanges: 612, catchUpProgress: 0.4 });
  const progress = page.getByRole('progressbar', { name: 'Sending changes to head office' });
  await expect(progress).toHaveAttribute('aria-valuenow', '40');
  await expect(badge).toContainText('Sending 40%');
  await shot('07-catch-up-progress');

  await show(page, current, {
    ...enrolledOnline,
    online: false,
    pendingChanges: 3,
    clockOffsetMs: -12 * 60_000,
    clockWarning: true,
  });
  await expect(progress).toHaveCount(0);
  await expect(page.getByTestId('clock-warning')).toHaveText(
    'This terminal’s clock is off by 12 minutes: offline points redemption is paused until it syncs.',
  );
  await shot('08-clock-warning');
  await page.keyboard.press('F8');
  await page.getByRole('button', { name: '繁體中文' }).click();
  await expect(page.getByTestId('clock-warning')).toHaveText(
    '此收銀機的時鐘相差 12 分鐘：離線積分兌換已暫停，待同步後恢復。',
  );
  await expect(badge).toContainText('離線 · 3 項變更待傳送');
  await badge.click();
  await shot('09-clock-warning-zh-Hant');
});

test('at checkout the cashier sees why offline points are capped: per member, too long, clock', async ({
  page,
  terminal,
}, testInfo) => {
  await setUpTerminal(page, terminal);
  await enrollMember(page, { name: 'Amy Wong', phone: '6234 5678' });
  await page.getByRole('button', { name: 'Start a sale for this member' }).click();
  await ringUp(page, '800');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-balance')).toHaveText('800 points');
  await page.getByRole('button', { name: 'Next sale' }).click();

  let limit: SalePreview['offlineLimit'] = null;
  await page.route('**/api/sale.preview', async (route: Route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { ok: boolean; value?: SalePreview };
    if (body.ok && body.value) body.value.offlineLimit = limit;
    await route.fulfill({ response, json: body });
  });
  const panel = page.getByRole('region', { name: 'Pay with points' });

  limit = { max: 340, reason: 'per_member' };
  await page.getByLabel('Attach member').fill('6234');
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  await ringUp(page, '100');
  await expect(panel.getByTestId('offline-limit')).toHaveText(
    /Offline: at most 340 points on this sale \(this member’s limit until the terminal syncs\)\./,
  );
  await expect(panel.getByRole('button', { name: 'Use 340 points' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('01-per-member.png') });

  limit = { max: 0, reason: 'offline_too_long' };
  await ringUp(page, '1');
  await expect(panel.getByTestId('offline-limit')).toContainText(
    'Offline too long: points cannot be used until the terminal syncs with head office.',
  );
  await expect(panel.getByRole('button', { name: /^Use \d+ points$/ })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('02-offline-too-long.png') });

  limit = { max: 0, reason: 'clock' };
  await ringUp(page, '1');
  await expect(panel.getByTestId('offline-limit')).toContainText(
    'This terminal’s clock is off: points cannot be used offline until it syncs with head office.',
  );
  await page.screenshot({ path: testInfo.outputPath('03-clock.png') });
  await page.keyboard.press('F8');
  await page.getByRole('button', { name: '繁體中文' }).click();
  await page.keyboard.press('F2');
  await expect(page.getByTestId('offline-limit')).toContainText('此收銀機的時鐘不準確');
  await page.screenshot({ path: testInfo.outputPath('04-clock-zh-Hant.png') });
});
