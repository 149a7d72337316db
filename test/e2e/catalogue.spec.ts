import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import {
  enrollMember,
  expect,
  ringUp,
  setUpTerminal,
  startTerminal,
  stopTerminal,
  test,
  type RunningTerminal,
} from './fixtures';
import {
  adminCall,
  provisionStore,
  removeHeadOffice,
  startHeadOffice,
  stopHeadOffice,
  type RunningHeadOffice,
} from './headOffice';
import {
  catalogueCategories,
  catalogueItems,
  eggTartCode128,
  lemonTeaBarcode,
  milkTeaBarcode,
  milkTeaStorePriceMinor,
  pineappleBunBarcode,
  unknownBarcode,
  withdrawnBarcode,
} from './catalogueItems';

/**
 * The catalogue at the counter (issue 16 §2), from a real head office: an admin keeps the items
 * and gives the store its own price of the milk tea, the till enrolls in Settings and pulls them
 * on the products stream. A scanned barcode adds the item at the store's price with its points,
 * an unknown one says so, a Chinese fragment finds an item, the store's best seller becomes a
 * quick key, and a member's scanned basket with points and cash is counted as the cashier's
 * actions (counter-touch.spec.ts says what an ACTION is).
 */
const COMMON_PATH_MAX_ACTIONS = 10;

/** A scanner: the code's keys a few milliseconds apart, then Enter. */
/**
 * A scanner's burst: every key and the Enter within a few milliseconds, as a wedge scanner sends
 * them, dispatched where the cursor is. Typed through Playwright one round trip a key, two
 * specs at once on two busy cores spread a code over more than the wedge's 100 ms a key, and it
 * became typing (CI lost a scan that way).
 */
async function scan(page: Page, code: string): Promise<void> {
  await page.evaluate((keys) => {
    const doc = (globalThis as unknown as { document: { activeElement: unknown; body: unknown } })
      .document;
    const target = (doc.activeElement ?? doc.body) as {
      dispatchEvent(event: unknown): boolean;
    };
    const KeyEvent = (
      globalThis as unknown as { KeyboardEvent: new (type: string, init: object) => unknown }
    ).KeyboardEvent;
    for (const key of [...keys, 'Enter']) {
      target.dispatchEvent(new KeyEvent('keydown', { key, bubbles: true, cancelable: true }));
      target.dispatchEvent(new KeyEvent('keyup', { key, bubbles: true, cancelable: true }));
    }
  }, code.split(''));
}

interface BrowserWindow {
  document: { documentElement: { scrollHeight: number; scrollWidth: number } };
  innerHeight: number;
  innerWidth: number;
  print: () => void;
  printed: { count: number };
}

/** How far the page itself scrolls, down and across (the sale screen should not). */
async function pageOverflow(page: Page): Promise<{ down: number; across: number }> {
  return page.evaluate(() => {
    const win = globalThis as unknown as BrowserWindow;
    const root = win.document.documentElement;
    return { down: root.scrollHeight - win.innerHeight, across: root.scrollWidth - win.innerWidth };
  });
}

/** Enrolls the terminal in Settings › Head office, then syncs until nothing is waiting. */
async function enrollAndSync(page: Page, url: string, code: string): Promise<void> {
  await page.keyboard.press('F8');
  const section = page.getByRole('region', { name: 'Head office' });
  await section.getByLabel('Head office address').fill(url);
  await section.getByLabel('Enrollment code').fill(code);
  await section.getByRole('button', { name: 'Enroll with head office' }).click();
  await expect(section.getByTestId('enrollment-result')).toContainText(
    'Enrolled with head office: store Causeway Bay',
    { timeout: 30_000 },
  );
  // "Sync now" until the status says so; the worker idles 5 s between rounds by itself.
  const syncNow = page.getByRole('banner').getByRole('button', { name: /^(Sync now|Syncing…)$/ });
  await expect(async () => {
    await syncNow.click({ timeout: 5_000 });
    await expect(syncNow).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
    await expect(page.getByTestId('connection-status')).toContainText(
      'Online · 0 changes waiting',
      { timeout: 1_000 },
    );
  }).toPass({ timeout: 45_000, intervals: [250, 500, 1_000] });
}

let headOffice: RunningHeadOffice | null = null;
const codes: string[] = [];
const terminals: RunningTerminal[] = [];

test.beforeAll(async () => {
  // A first start runs every migration: minutes on a loaded machine.
  test.setTimeout(240_000);
  headOffice = await startHeadOffice();
  const store = await provisionStore(headOffice, 'Causeway Bay', 2);
  codes.push(...store.codes);
  for (const { code, names } of catalogueCategories) {
    await adminCall(headOffice, 'PUT', `/admin/catalogue/categories/${code}`, { names });
  }
  for (const item of catalogueItems) {
    const made = await adminCall<{ id: string; sku: string }>(
      headOffice,
      'POST',
      '/admin/catalogue/items',
      item,
    );
    if (made.sku === 'MT-001') {
      await adminCall(
        headOffice,
        'PUT',
        `/admin/catalogue/items/${made.id}/store-prices/${store.storeId}`,
        {
          priceMinor: milkTeaStorePriceMinor,
        },
      );
    }
  }
});

test.afterAll(async () => {
  for (const terminal of terminals.splice(0)) await stopTerminal(terminal);
  if (headOffice) {
    await stopHeadOffice(headOffice);
    removeHeadOffice(headOffice);
  }
  headOffice = null;
});

test('a scan adds the item at the store’s price with its points, search finds 「奶」, a quick key adds the best seller', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const terminal = await startTerminal();
  terminals.push(terminal);
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await setUpTerminal(page, terminal);
  await enrollAndSync(page, headOffice?.url ?? '', codes[0] ?? '');
  await enrollMember(page, { name: 'Mei Chan', phone: '9123 4567' });
  await page.getByRole('button', { name: 'Start a sale for this member' }).click();
  await expect(page.getByTestId('sale-member-balance')).toHaveText('0 points');

  // The scanner's burst lands in the price field (the cursor's home) and becomes a line, at the
  // store's HK$20.00 and not head office's list price of HK$22.00.
  await expect(page.getByLabel('Price (HKD)')).toBeFocused();
  await scan(page, milkTeaBarcode);
  const lines = page.getByTestId('sale-lines');
  await expect(lines.getByRole('cell', { name: 'Milk tea MT-001 · DRINKS' })).toBeVisible();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$20.00');
  await expect(page.getByTestId('points-to-earn')).toHaveText('+20');
  await expect(page.getByLabel('Price (HKD)')).toHaveValue('');

  // A barcode no item has is named, and nothing is added.
  await scan(page, unknownBarcode);
  await expect(page.getByRole('alert')).toContainText(`No item has barcode ${unknownBarcode}`);
  await expect(page.getByTestId('sale-line-count')).toHaveText('· 1 item');
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // A Code 128 label's text (letters and a dash) is a barcode too: the egg tarts, then taken off.
  await scan(page, eggTartCode128);
  await expect(lines.getByRole('cell', { name: 'Egg tarts (6) ET-006 · BAKERY' })).toBeVisible();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$56.00');
  await page.getByRole('button', { name: 'Remove Egg tarts (6)' }).click();
  // A withdrawn item's scan says so, by name, and adds nothing.
  await scan(page, withdrawnBarcode);
  await expect(page.getByRole('alert')).toContainText(
    'Cocktail bun is withdrawn from sale and cannot be sold.',
  );
  await expect(page.getByTestId('sale-line-count')).toHaveText('· 1 item');
  await page.getByRole('button', { name: 'Dismiss' }).click();

  // One Chinese character finds the milk tea; Enter adds the first found.
  await page.getByLabel('Search products').fill('奶');
  const found = page.getByRole('list', { name: 'Items found' });
  await expect(found.getByRole('button')).toHaveCount(1);
  await expect(found.getByRole('button')).toContainText('Milk tea');
  await page.getByLabel('Search products').press('Enter');
  await expect(page.getByTestId('sale-line-count')).toHaveText('· 2 items');
  await expect(page.getByLabel('Search products')).toHaveValue('');
  // And a bake by its simplified name, clicked: at its list price, the store has none of its own.
  await page.getByLabel('Search products').fill('菠萝');
  await found.getByRole('button', { name: /Pineapple bun/ }).click();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$52.00');
  await expect(page.getByTestId('points-to-earn')).toHaveText('+52');

  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-points-earned')).toHaveText('Points earned: 52');
  await page.getByRole('button', { name: 'Next sale' }).click();

  // The store's best seller so far is a quick key; a tap adds it.
  const keys = page.getByRole('group', { name: 'Best sellers' });
  await expect(keys.getByRole('button').first()).toContainText('Milk tea');
  await keys.getByRole('button', { name: /Milk tea/ }).click();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$20.00');

  // With the quick keys, a member and ten lines, the sale still fits 1024×768 without scrolling.
  await page.getByLabel('Attach member').fill('9123 4567');
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  await expect(page.getByTestId('sale-member-balance')).toHaveText('52 points');
  for (let i = 2; i <= 10; i++) await ringUp(page, String(i), `Goods ${i}`);
  await expect(page.getByTestId('sale-line-count')).toHaveText('· 10 items');
  expect((await pageOverflow(page)).down).toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: /Confirm sale/ })).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('sale-to-pay')).toBeInViewport({ ratio: 1 });
  await expect(keys).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('catalogue-1024.png') });
  // A price the till cannot read is said below the row, squeezing none of its fields.
  const widths = () =>
    page
      .locator('form.line-entry > label')
      .evaluateAll((labels) => labels.map((l) => Math.round(l.getBoundingClientRect().width)));
  const before = await widths();
  await page.getByLabel('Price (HKD)').fill('1.2.3');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Enter a price like 12.50')).toBeVisible();
  expect(await widths()).toEqual(before);
  await page.screenshot({ path: test.info().outputPath('catalogue-1024-price-error.png') });
  await context.close();
});

test('the common path with a catalogue: a member buys 3 scanned items, redeems 100 points and pays cash, in 8 actions', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.addInitScript(() => {
    // Counts the print requests; the headless browser's print is a no-op.
    const win = globalThis as unknown as BrowserWindow;
    win.printed = { count: 0 };
    const original = win.print.bind(win);
    win.print = () => {
      win.printed.count += 1;
      original();
    };
  });
  const terminal = await startTerminal();
  terminals.push(terminal);
  await setUpTerminal(page, terminal, { terminalName: 'Till 2' });
  await enrollAndSync(page, headOffice?.url ?? '', codes[1] ?? '');
  // A member with 250 points from a first HK$250 sale (counter-touch.spec.ts's memberWithPoints);
  // not Mei Chan, whom the first test's till enrolled at head office and this one has pulled.
  await enrollMember(page, { name: 'Ben Lee', phone: '6123 4567' });
  await page.getByRole('button', { name: 'Start a sale for this member' }).click();
  await expect(page.getByTestId('sale-member-balance')).toHaveText('0 points');
  await ringUp(page, '250');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-points-earned')).toHaveText('Points earned: 250');
  await page.getByRole('button', { name: 'Next sale' }).click();
  await expect(page.getByLabel('Price (HKD)')).toBeFocused();

  let actions = 0;
  const act = async (step: () => Promise<void>) => {
    actions += 1;
    await step();
  };

  // Three items scanned, one action each: the store's milk tea, a lemon tea, a bun.
  await act(() => scan(page, milkTeaBarcode));
  await expect(page.getByTestId('sale-line-count')).toHaveText('· 1 item');
  await act(() => scan(page, lemonTeaBarcode));
  await expect(page.getByTestId('sale-line-count')).toHaveText('· 2 items');
  await act(() => scan(page, pineappleBunBarcode));
  await expect(page.getByTestId('sale-line-count')).toHaveText('· 3 items');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$50.00');
  // The member: her phone typed and Enter (a card scan would be one action too).
  await act(async () => {
    await page.getByLabel('Attach member').fill('6123 4567');
    await page.keyboard.press('Enter');
  });
  await expect(page.getByTestId('sale-member-balance')).toHaveText('250 points');

  // The sale with its scanned lines and the member, at both counter sizes: no page scroll.
  mkdirSync('/tmp/shots', { recursive: true });
  for (const { width, height } of [
    { width: 1280, height: 800 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize({ width, height });
    await expect(page.getByRole('button', { name: /Confirm sale/ })).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('sale-to-pay')).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('quick-cash-exact')).toBeInViewport({ ratio: 1 });
    expect(await pageOverflow(page)).toEqual({ down: 0, across: 0 });
    // Online with changes waiting, the top bar is at its widest: no control slides under another.
    const spans = await page.locator('.top-bar nav > *, .top-bar > :not(nav)').evaluateAll((els) =>
      els
        .map((el) => el.getBoundingClientRect())
        .filter((box) => box.width > 0)
        .map((box) => [Math.round(box.left), Math.round(box.right)] as const)
        .sort((a, b) => a[0] - b[0]),
    );
    for (let i = 1; i < spans.length; i++) {
      expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    }
    await page.screenshot({ path: `/tmp/shots/catalogue-sale-${width}x${height}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 800 });

  // 100 points are worth HK$5.00 under the default program.
  await act(() => page.getByRole('button', { name: 'Use 100 points' }).click());
  await expect(page.getByTestId('sale-to-pay')).toHaveText('HK$45.00');
  await act(() =>
    page
      .getByRole('group', { name: 'Cash handed over' })
      .getByRole('button', { name: 'HK$50', exact: true })
      .click(),
  );
  await expect(page.getByTestId('sale-change')).toContainText('HK$5.00');
  await act(() => page.getByRole('button', { name: /Confirm sale/ }).click());
  await expect(page.getByTestId('change-banner')).toHaveText('Give change: HK$5.00');
  const receipt = page.locator('article.receipt');
  await expect(receipt.locator('.receipt-lines')).toContainText('Milk tea');
  await expect(receipt.locator('.receipt-lines')).toContainText('Lemon tea');
  await expect(receipt.locator('.receipt-lines')).toContainText('Pineapple bun');
  await expect(receipt.getByText('Points spent: 100')).toBeVisible();
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$45.00');
  // Points are earned on the HK$45.00 paid, not on what points paid: 250 − 100 + 45.
  await expect(page.getByTestId('receipt-points-earned')).toHaveText('Points earned: 45');
  await expect(page.getByTestId('receipt-balance')).toHaveText('195 points');
  await act(() => page.getByRole('button', { name: 'Print receipt' }).click());
  expect(await page.evaluate(() => (globalThis as unknown as BrowserWindow).printed.count)).toBe(1);

  expect(actions).toBeLessThanOrEqual(COMMON_PATH_MAX_ACTIONS);
  expect(actions).toBe(8);
});
