import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { milkTeaBarcode, unknownBarcode } from './catalogueItems';

/**
 * The catalogue at the counter (issue 16 §2): a scanned barcode adds the item with its points, an
 * unknown one says so, a Chinese fragment finds an item, and the store's best seller becomes a
 * quick key. The till holds the catalogue as pulled from the products stream (seedCatalogue.ts).
 */

/** A scanner: the code's keys a few milliseconds apart, then Enter. */
async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
}

interface BrowserWindow {
  document: { documentElement: { scrollHeight: number } };
  innerHeight: number;
}

let stocked: RunningTerminal | null = null;
test.afterEach(async () => {
  if (stocked) await stopTerminal(stocked);
  stocked = null;
});

test('a scan adds the item with its points, search finds 「奶」, a quick key adds the best seller', async ({
  browser,
}) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-e2e-'));
  execFileSync(process.execPath, ['--import', 'tsx', 'test/e2e/seedCatalogue.ts', dataDir], {
    env: { ...process.env, LOYALTY_LOG: 'warn' },
  });
  stocked = await startTerminal(dataDir);
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  await setUpTerminal(page, stocked);
  await enrollMember(page, { name: 'Mei Chan', phone: '9123 4567' });
  await page.getByRole('button', { name: 'Start a sale for this member' }).click();
  await expect(page.getByTestId('sale-member-balance')).toHaveText('0 points');

  // The scanner's burst lands in the price field (the cursor's home) and becomes a line.
  await expect(page.getByLabel('Price (HKD)')).toBeFocused();
  await scan(page, milkTeaBarcode);
  const lines = page.getByTestId('sale-lines');
  await expect(lines.getByRole('cell', { name: 'Milk tea MT-001 · DRINKS' })).toBeVisible();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$22.00');
  await expect(page.getByTestId('points-to-earn')).toHaveText('+22');
  await expect(page.getByLabel('Price (HKD)')).toHaveValue('');

  // A barcode no item has is named, and nothing is added.
  await scan(page, unknownBarcode);
  await expect(page.getByRole('alert')).toContainText(`No item has barcode ${unknownBarcode}`);
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
  // And a bake by its simplified name, clicked.
  await page.getByLabel('Search products').fill('菠萝');
  await found.getByRole('button', { name: /Pineapple bun/ }).click();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$56.00');
  await expect(page.getByTestId('points-to-earn')).toHaveText('+56');

  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-points-earned')).toHaveText('Points earned: 56');
  await page.getByRole('button', { name: 'Next sale' }).click();

  // The store's best seller so far is a quick key; a tap adds it.
  const keys = page.getByRole('group', { name: 'Best sellers' });
  await expect(keys.getByRole('button').first()).toContainText('Milk tea');
  await keys.getByRole('button', { name: /Milk tea/ }).click();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$22.00');

  // With the quick keys, a member and ten lines, the sale still fits 1024×768 without scrolling.
  await page.getByLabel('Attach member').fill('9123 4567');
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  await expect(page.getByTestId('sale-member-balance')).toHaveText('56 points');
  for (let i = 2; i <= 10; i++) await ringUp(page, String(i), `Goods ${i}`);
  await expect(page.getByTestId('sale-line-count')).toHaveText('· 10 items');
  const overflow = await page.evaluate(() => {
    const win = globalThis as unknown as BrowserWindow;
    return win.document.documentElement.scrollHeight - win.innerHeight;
  });
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByRole('button', { name: /Confirm sale/ })).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('sale-to-pay')).toBeInViewport({ ratio: 1 });
  await expect(keys).toBeInViewport();
  await page.screenshot({ path: test.info().outputPath('catalogue-1024.png') });
  await context.close();
});
