import type { Page } from '@playwright/test';
import { test, expect, enrollMember, pairDisplay, ringUp, setUpTerminal, signIn } from './fixtures';
import { expectAccessible } from './accessible';

/**
 * Sales tax at the till (shared/rules/tax.ts), as a manager sets it in Settings and a cashier
 * sells: tax added at the till shows a Tax line before the total and on the receipt; prices that
 * include tax show how much of the total is tax; a store without tax shows no tax at all.
 */

/** The page's window as the test reads it inside the browser (this file compiles for Node). */
interface BrowserWindow {
  document: { documentElement: { scrollHeight: number; scrollWidth: number } };
  innerHeight: number;
  innerWidth: number;
}

/** The manager sets the store's tax in Settings (F8) and waits for it to be saved. */
async function setTax(page: Page, mode: string, rate?: string): Promise<void> {
  await page.keyboard.press('F8');
  const section = page.getByRole('region', { name: 'Sales tax' });
  await section.getByLabel(mode).check();
  if (rate !== undefined) await section.getByLabel('Default rate (%)').fill(rate);
  await section.getByRole('button', { name: 'Save tax setting' }).click();
  await expect(section.getByRole('status')).toHaveText(
    'Tax setting saved. New sales are taxed this way.',
  );
}

/** Adds Chris Wong, a cashier, from the staff screen (⇧F8), and signs him in (F1). */
async function cashierSignsIn(page: Page): Promise<void> {
  await page.keyboard.press('Shift+F8');
  const addForm = page.getByRole('form', { name: 'Add a staff member' });
  await addForm.getByLabel('Staff name').fill('Chris Wong');
  await addForm.getByLabel('Their PIN').fill('1357');
  await addForm.getByLabel('Manager PIN').fill('2468');
  await addForm.getByRole('button', { name: 'Add staff member' }).click();
  await expect(page.getByText('Chris Wong can now sign in.')).toBeVisible();
  await page.keyboard.press('F1');
  await signIn(page, '1357');
  await expect(page.getByText('Cashier: Chris Wong')).toBeVisible();
  await page.keyboard.press('F2');
  await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();
}

/** Neither the page nor its width scrolls. */
async function expectNoPageScroll(page: Page): Promise<void> {
  const size = await page.evaluate(() => {
    const win = globalThis as unknown as BrowserWindow;
    return {
      scrollHeight: win.document.documentElement.scrollHeight,
      scrollWidth: win.document.documentElement.scrollWidth,
      innerHeight: win.innerHeight,
      innerWidth: win.innerWidth,
    };
  });
  expect(size.scrollHeight).toBeLessThanOrEqual(size.innerHeight);
  expect(size.scrollWidth).toBeLessThanOrEqual(size.innerWidth);
}

test('tax added at the till: a manager sets 8% (a bad rate refused) while a sale is open, which is priced again; the cashier rings up HK$100.00 and sees Tax HK$8.00, total HK$108.00', async ({
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);

  // A store without tax: no tax anywhere on the sale, as before.
  await ringUp(page, '100');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$100.00');
  await expect(page.getByRole('region', { name: 'Totals' })).not.toContainText(/tax/i);
  // The sale stays open while the manager sets tax below; back on it, it is priced again.

  await page.keyboard.press('F8');
  const section = page.getByRole('region', { name: 'Sales tax' });
  await expect(section.getByTestId('tax-current')).toHaveText('Now: no tax.');
  // A rate with three decimals is refused, and nothing changes.
  await section.getByLabel('Tax added at the till').check();
  await section.getByLabel('Default rate (%)').fill('8.255');
  await section.getByRole('button', { name: 'Save tax setting' }).click();
  await expect(section.getByRole('alert')).toContainText('up to two decimals');
  await expect(section.getByTestId('tax-current')).toHaveText('Now: no tax.');
  await expectAccessible(page, 'settings, sales tax refused');
  await setTax(page, 'Tax added at the till', '8');
  await expect(section.getByTestId('tax-current')).toHaveText('Now: Tax added at the till, 8%.');
  await section.screenshot({ path: '/tmp/tax-settings.png' });
  await page.keyboard.press('F2');
  await expect(page.getByTestId('sale-tax')).toHaveText('HK$8.00');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$108.00');
  await page.getByRole('button', { name: 'Remove Goods' }).click();

  await cashierSignsIn(page);
  await ringUp(page, '100', 'Green tea');
  await expect(page.getByTestId('sale-tax')).toHaveText('HK$8.00');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$108.00');
  await expect(page.getByTestId('sale-to-pay')).toHaveText('HK$108.00');
  await expect(page.getByTestId('sale-tax-included')).toHaveCount(0);
  await expectAccessible(page, 'sale with tax added');
  await page.screenshot({ path: '/tmp/tax-sale-exclusive-1280x800.png' });
});

test('tax added at the till: HK$108.00 paid in cash, and the receipt shows Tax 8%', async ({
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);
  await setTax(page, 'Tax added at the till', '8');
  await page.keyboard.press('F2');
  await ringUp(page, '100', 'Green tea');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$108.00');
  await page.getByTestId('cash-received').fill('200');
  await expect(page.getByTestId('sale-change')).toContainText('HK$92.00');
  await page.keyboard.press('F9');
  const receipt = page.locator('.receipt-totals');
  await expect(page.getByTestId('receipt-tax')).toHaveText('HK$8.00');
  await expect(receipt.getByText('Tax 8%', { exact: true })).toBeVisible();
  await expect(page.getByTestId('receipt-total')).toHaveText('HK$108.00');
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$108.00');
  await expectAccessible(page, 'receipt with tax added');
  await page.screenshot({ path: '/tmp/tax-receipt-exclusive.png' });
});

test('prices include tax: the sale and the receipt say how much of the price is tax', async ({
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);
  await setTax(page, 'Prices include tax', '8');
  await expect(page.getByTestId('tax-current')).toHaveText('Now: Prices include tax, 8%.');

  await page.keyboard.press('F2');
  await ringUp(page, '108', 'Green tea');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$108.00');
  await expect(page.getByTestId('sale-tax-included')).toHaveText('HK$8.00');
  await expect(page.getByText('Includes tax', { exact: true })).toBeVisible();
  await expect(page.getByTestId('sale-tax')).toHaveCount(0);
  await expect(page.getByTestId('sale-to-pay')).toHaveText('HK$108.00');
  await expectAccessible(page, 'sale with tax included');
  await page.screenshot({ path: '/tmp/tax-sale-inclusive-1280x800.png' });

  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-total')).toHaveText('HK$108.00');
  await expect(page.getByTestId('receipt-tax-included')).toHaveText('HK$8.00');
  await expect(
    page.locator('.receipt-totals').getByText('Includes tax 8%', { exact: true }),
  ).toBeVisible();
  await expect(page.getByTestId('receipt-tax')).toHaveCount(0);
  await expectAccessible(page, 'receipt with tax included');

  // The refund gives the tax back with the goods: the refund receipt says how much of it was tax.
  await page.getByRole('button', { name: 'Refund this sale' }).click();
  await page.getByLabel('Reason for the refund').fill('Wrong size');
  await page.getByRole('button', { name: 'Confirm refund' }).click();
  await expect(page.getByText('Refund receipt')).toBeVisible();
  await expect(page.getByTestId('receipt-total')).toHaveText('HK$108.00');
  await expect(page.getByTestId('receipt-tax-included')).toHaveText('HK$8.00');
  await expect(
    page.locator('.receipt-totals').getByText('Includes tax 8%', { exact: true }),
  ).toBeVisible();
});

test('with tax added at the till, a 10-line sale with a member fits 1024×768: Tax, To pay, tender and Confirm in view; the customer display shows the tax', async ({
  browser,
  terminal,
}) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await setUpTerminal(page, terminal);
  await setTax(page, 'Tax added at the till', '8.25');
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const display = await tablet.newPage();
  await display.goto(`${new URL(terminal.url).origin}/display`);
  await pairDisplay(page, display);
  await enrollMember(page, { name: 'Mei Chan', phone: '9123 4567' });
  await page.getByRole('button', { name: 'Start a sale for this member' }).click();
  for (const [item, price] of [
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
  ] as const) {
    await ringUp(page, price, item);
  }
  await expect(page.getByTestId('sale-line-count')).toHaveText('· 10 items');
  // Each line's tax rounded half up: 78.41 in all on HK$950.30.
  await expect(page.getByTestId('sale-tax')).toHaveText('HK$78.41');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$1,028.71');
  await expectNoPageScroll(page);
  for (const id of ['sale-tax', 'sale-total', 'sale-to-pay', 'tender-cash', 'cash-received']) {
    await expect(page.getByTestId(id)).toBeInViewport({ ratio: 1 });
  }
  await expect(page.getByTestId('quick-cash-exact')).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: /Confirm sale/ })).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: '/tmp/tax-sale-exclusive-1024x768.png' });
  // The customer display shows the same tax and total.
  await expect(display.getByTestId('display-tax')).toHaveText('HK$78.41');
  await expect(display.getByTestId('display-total')).toHaveText('HK$1,028.71');
  await display.screenshot({ path: '/tmp/tax-display-exclusive.png' });

  // In 繁體中文 the same sale fits too.
  await page.keyboard.press('F8');
  await page.getByRole('button', { name: '繁體中文' }).click();
  await page.keyboard.press('F2');
  await expect(page.getByText('稅項', { exact: true })).toBeVisible();
  await expectNoPageScroll(page);
  await expect(page.getByTestId('sale-to-pay')).toBeInViewport({ ratio: 1 });
  await expect(page.locator('button.primary.big')).toBeInViewport({ ratio: 1 });
  await page.screenshot({ path: '/tmp/tax-sale-exclusive-1024x768-zh-Hant.png' });
  await tablet.close();
  await context.close();
});
