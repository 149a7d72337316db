import type { Page } from '@playwright/test';
import { test, expect, enrollMember, ringUp, setUpTerminal } from './fixtures';

/**
 * The counter as a cashier meets it on a 1024×768 or 1280×800 touch screen (issue 16 §3): the sale
 * fits without the page scrolling, the pay panel is always in view, a number pad, quick cash and
 * point presets, lines edited by touch, and the common path counted.
 *
 * An ACTION is one thing the cashier does at the counter:
 * - one click or tap;
 * - one scanned or typed entry ended by Enter (a card scan, a phone number typed then Enter, a
 *   price typed then Enter);
 * - one key shortcut (F9).
 * Waiting for the screen is not an action. Without a product catalogue (issue 16 §2) an item is an
 * "open item": its price typed then Enter, one action each.
 */
const COMMON_PATH_MAX_ACTIONS = 8;

/** Enrolls Mei Chan and gives her 250 points with a first HK$250 sale. */
async function memberWithPoints(page: Page): Promise<void> {
  await enrollMember(page, { name: 'Mei Chan', phone: '9123 4567' });
  await page.getByRole('button', { name: 'Start a sale for this member' }).click();
  await expect(page.getByTestId('sale-member-balance')).toHaveText('0 points');
  await ringUp(page, '250');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-points-earned')).toHaveText('Points earned: 250');
  await page.getByRole('button', { name: 'Next sale' }).click();
}

/** Attaches Mei by her phone number (what the cashier does when the card is not at hand). */
async function attachMei(page: Page): Promise<void> {
  await page.getByLabel('Attach member').fill('9123 4567');
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
}

/** The page's window as the test reads it inside the browser (this file compiles for Node). */
interface BrowserWindow {
  document: { documentElement: { scrollHeight: number; scrollWidth: number } };
  innerHeight: number;
  innerWidth: number;
  scrollY: number;
  print: () => void;
  printed: { count: number };
}

const tenItems = [
  ['Jasmine tea', '125'],
  ['Mooncake', '88'],
  ['Oolong tin', '64.50'],
  ['Tea cup', '35'],
  ['Gift box', '20'],
  ['Pu-erh cake', '210'],
  ['Tea towel', '18'],
  ['Teapot', '320'],
  ['Honey', '42.80'],
  ['Chrysanthemum', '27'],
] as const;

for (const { width, height } of [
  { width: 1024, height: 768 },
  { width: 1280, height: 800 },
]) {
  test(`a 10-line sale with a member fits ${width}×${height}: To pay, tender and Confirm in view, no page scroll`, async ({
    browser,
    terminal,
  }) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await setUpTerminal(page, terminal);
    await memberWithPoints(page);
    await attachMei(page);
    await expect(page.getByTestId('sale-member-balance')).toHaveText('250 points');
    for (const [item, price] of tenItems) await ringUp(page, price, item);
    await expect(page.getByTestId('sale-line-count')).toHaveText('· 10 items');
    await expect(page.getByTestId('sale-total')).toHaveText('HK$950.30');
    await expect(page.getByRole('button', { name: 'Use 250 points' })).toBeVisible();

    // The page itself never scrolls; the lines scroll inside their own box.
    const page_ = await page.evaluate(() => {
      const win = globalThis as unknown as BrowserWindow;
      return {
        scrollHeight: win.document.documentElement.scrollHeight,
        scrollWidth: win.document.documentElement.scrollWidth,
        innerHeight: win.innerHeight,
        innerWidth: win.innerWidth,
      };
    });
    expect(page_.scrollHeight).toBeLessThanOrEqual(page_.innerHeight);
    expect(page_.scrollWidth).toBeLessThanOrEqual(page_.innerWidth);
    await expect(page.getByTestId('sale-to-pay')).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('tender-cash')).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('cash-received')).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('quick-cash-exact')).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('button', { name: /Confirm sale/ })).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('group', { name: 'Number pad' })).toBeInViewport({ ratio: 1 });
    await expect(page.getByLabel('Price (HKD)')).toBeInViewport({ ratio: 1 });
    // The last line is reached by scrolling the list, not the page.
    const lastRemove = page.getByRole('button', { name: 'Remove Chrysanthemum' });
    await lastRemove.scrollIntoViewIfNeeded();
    await expect(lastRemove).toBeInViewport();
    expect(await page.evaluate(() => (globalThis as unknown as BrowserWindow).scrollY)).toBe(0);

    // The header is one row: every top-bar control sits on the same line.
    const tops = await page
      .locator('.top-bar > *, .top-bar nav > *')
      .evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
    const bar = await page.locator('.top-bar').boundingBox();
    expect(bar?.height ?? 999).toBeLessThan(72);
    for (const top of tops) expect(top).toBeLessThan((bar?.y ?? 0) + 20);

    await page.screenshot({ path: `/tmp/shots/counter-${width}x${height}.png` });

    // In 繁體中文 the same sale fits too.
    await page.keyboard.press('F8');
    await page.getByRole('button', { name: '繁體中文' }).click();
    await page.keyboard.press('F2');
    await expect(page.getByRole('button', { name: '選單' })).toBeVisible();
    await expect(page.getByTestId('sale-to-pay')).toBeInViewport({ ratio: 1 });
    await expect(page.locator('button.primary.big')).toBeInViewport({ ratio: 1 });
    await expect(page.getByTestId('quick-cash-exact')).toBeInViewport({ ratio: 1 });
    const zh = await page.evaluate(() => {
      const win = globalThis as unknown as BrowserWindow;
      return win.document.documentElement.scrollHeight - win.innerHeight;
    });
    expect(zh).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `/tmp/shots/counter-${width}x${height}-zh-Hant.png` });
    await page.keyboard.press('F8');
    await page.getByRole('button', { name: 'English' }).click();
    await page.keyboard.press('F2');

    // The member card folds to one line and stays folded for the next sale of this session.
    await page.getByRole('button', { name: 'Hide member details' }).click();
    await expect(page.getByRole('button', { name: 'Show member details' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    await page.screenshot({ path: `/tmp/shots/counter-${width}x${height}-folded.png` });
    await page.keyboard.press('F9');
    await page.getByRole('button', { name: 'Next sale' }).click();
    await attachMei(page);
    await expect(page.getByTestId('sale-member-balance')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Show member details' })).toBeVisible();
    await context.close();
  });
}

test('the common path: a member buys 3 items, redeems 100 points and pays cash, in at most 8 actions', async ({
  page,
  terminal,
}) => {
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
  await setUpTerminal(page, terminal);
  await memberWithPoints(page);

  let actions = 0;
  const act = async (step: () => Promise<void>) => {
    actions += 1;
    await step();
  };

  // The member: her phone typed and Enter (a card scan is one action too, see cashier-flow).
  await act(async () => {
    await page.getByLabel('Attach member').fill('9123 4567');
    await page.keyboard.press('Enter');
  });
  await expect(page.getByTestId('sale-member-balance')).toHaveText('250 points');
  await act(() => ringUp(page, '120'));
  await act(() => ringUp(page, '45.50'));
  await act(() => ringUp(page, '8'));
  await expect(page.getByTestId('sale-total')).toHaveText('HK$173.50');
  // 100 points are worth HK$5.00 under the default program.
  await act(() => page.getByRole('button', { name: 'Use 100 points' }).click());
  await expect(page.getByTestId('sale-to-pay')).toHaveText('HK$168.50');
  await act(() =>
    page
      .getByRole('group', { name: 'Cash handed over' })
      .getByRole('button', { name: 'HK$170', exact: true })
      .click(),
  );
  await expect(page.getByTestId('sale-change')).toContainText('HK$1.50');
  await act(() => page.getByRole('button', { name: /Confirm sale/ }).click());
  await expect(page.getByTestId('change-banner')).toHaveText('Give change: HK$1.50');
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$168.50');
  await act(() => page.getByRole('button', { name: 'Print receipt' }).click());
  expect(await page.evaluate(() => (globalThis as unknown as BrowserWindow).printed.count)).toBe(1);

  expect(actions).toBeLessThanOrEqual(COMMON_PATH_MAX_ACTIONS);
  expect(actions).toBe(8);
});

test('touch: the number pad, quick cash, point presets, and lines edited by quantity, price with a PIN, or removed', async ({
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);
  await memberWithPoints(page);
  await attachMei(page);
  const pad = page.getByRole('group', { name: 'Number pad' });

  // The pad types into the price field and Enter adds the line.
  await page.getByLabel('Price (HKD)').click();
  for (const key of ['3', '7', '.', '4', '0'])
    await pad.getByRole('button', { name: key, exact: true }).click();
  await expect(page.getByLabel('Price (HKD)')).toHaveValue('37.40');
  await pad.getByRole('button', { name: 'Delete the last digit' }).click();
  await expect(page.getByLabel('Price (HKD)')).toHaveValue('37.4');
  await pad.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$37.40');
  await expect(page.getByLabel('Price (HKD)')).toHaveValue('');
  await expect(page.getByLabel('Price (HKD)')).toBeFocused();

  // Quick cash from the amount due: exact 37.40, then 40, 50 and 100.
  const quick = page.getByRole('group', { name: 'Cash handed over' });
  await expect(quick.getByRole('button')).toHaveText([
    'Exact HK$37.40',
    'HK$40',
    'HK$50',
    'HK$100',
  ]);
  await quick.getByRole('button', { name: 'HK$50', exact: true }).click();
  await expect(page.getByTestId('cash-received')).toHaveValue('50.00');
  await expect(page.getByTestId('sale-change')).toContainText('HK$12.60');

  // Quantity by touch: one more, one fewer (never below one).
  const fewer = page.getByRole('button', { name: 'One fewer: Goods' });
  await expect(fewer).toBeDisabled();
  await page.getByRole('button', { name: 'One more: Goods' }).click();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$74.80');
  await fewer.click();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$37.40');

  // Point presets: 100 and "use max" (the sale caps what points may pay).
  const presets = page.getByRole('group', { name: 'Quick amounts of points' });
  await expect(presets.getByRole('button', { name: 'Use 100 points' })).toBeVisible();
  await presets.getByRole('button', { name: 'Use 100 points' }).click();
  await expect(page.getByLabel('Points to use')).toHaveValue('100');
  await expect(page.getByTestId('sale-to-pay')).toHaveText('HK$32.40');

  // A new price needs a manager's PIN: a wrong one changes nothing.
  await page.getByRole('button', { name: 'Change the price of Goods' }).click();
  await page.getByLabel('New price (HKD)').fill('30');
  await page.getByLabel('Manager PIN').fill('1111');
  await page.getByRole('button', { name: 'Change price' }).click();
  await expect(page.getByRole('alert')).toContainText(/PIN/);
  await expect(page.getByTestId('sale-total')).toHaveText('HK$37.40');
  await page.getByLabel('Manager PIN').fill('2468');
  await page.getByRole('button', { name: 'Change price' }).click();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$30.00');
  await expect(page.getByRole('button', { name: 'Change the price of Goods' })).toHaveText(
    'Change the price of Goods HK$30.00',
  );

  // Removing the line empties the sale and the cursor goes back to the price.
  await page.getByRole('button', { name: 'Remove Goods' }).click();
  await expect(page.getByText('Type a price and press Enter to start the sale.')).toBeVisible();
  await expect(page.getByLabel('Price (HKD)')).toBeFocused();

  // The audit log has the price change, from HK$37.40 to HK$30.00, approved by the manager.
  await page.keyboard.press('Shift+F6');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  const entry = page.locator('.audit-list > *').filter({ hasText: 'Price changed on a sale line' });
  await expect(entry.first()).toContainText('HK$37.40');
  await expect(entry.first()).toContainText('HK$30.00');
});

test('the top bar is one row; the menu button works by keyboard: arrows, Home, End, Escape, Enter', async ({
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);
  const menuButton = page.getByRole('button', { name: 'Menu' });
  await expect(menuButton).toHaveAttribute('aria-haspopup', 'menu');
  await expect(menuButton).toHaveAttribute('aria-expanded', 'false');
  await menuButton.focus();
  await page.keyboard.press('ArrowDown');
  const menu = page.getByRole('menu', { name: 'Menu' });
  await expect(menu).toBeVisible();
  await expect(menuButton).toHaveAttribute('aria-expanded', 'true');
  await expect(menu.getByRole('menuitem', { name: /Settings/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Analytics' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: /Switch cashier/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: /Settings/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: /Switch cashier/ })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(menu.getByRole('menuitem', { name: /Settings/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(menuButton).toBeFocused();

  // ↑ opens on the last item; Enter on an item opens its screen.
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: /Switch cashier/ })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(menu.getByRole('menuitem', { name: /Audit log/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expect(menu).toHaveCount(0);
  await expect(menuButton).toHaveClass(/active/);

  // A click elsewhere closes it.
  await menuButton.click();
  await expect(menu).toBeVisible();
  await page.getByRole('heading', { name: 'Audit log' }).click();
  await expect(menu).toHaveCount(0);
});
