import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, setUpTerminal, type RunningTerminal, openFromMenu } from './fixtures';

/** Calls the terminal's API the way the renderer does, with this launch's token. */
async function call(terminal: RunningTerminal, page: Page, name: string, input: unknown) {
  const token = /token=([A-Za-z0-9_-]+)/.exec(terminal.url)?.[1] ?? '';
  const origin = new URL(terminal.url).origin;
  const response = await page.request.post(`${origin}/api/${name}`, {
    headers: { authorization: `Bearer ${token}` },
    data: input,
  });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
}

const saleId = () => crypto.randomUUID().replace(/^(.{14})./, '$17');

test('a manager reads the X report, exports CSV and PDF, and sees it in 繁體中文', async ({
  page,
  terminal,
}, testInfo) => {
  await setUpTerminal(page, terminal);
  // Sales need an open shift where the terminal has shifts.
  await call(terminal, page, 'shift.open', { floatMinor: 0 });
  for (const price of [12_345, 5000]) {
    const sold = await call(terminal, page, 'sale.record', {
      saleId: saleId(),
      memberId: null,
      lines: [{ description: '奶茶', quantity: 1, unitPriceMinor: price }],
      redeemPoints: 0,
    });
    expect(sold.ok).toBe(true);
  }

  await openFromMenu(page, 'Reports');
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'X report' })).toBeVisible();
  const sales = page.locator('table[data-table="sales"] tbody tr').first();
  await expect(sales).toContainText('Sales');
  await expect(sales).toContainText('2');
  await expect(sales).toContainText('173.45');
  await expect(page.locator('.hour-chart svg rect')).toHaveCount(1);
  // A store without tax (Hong Kong): nothing about tax.
  await expect(page.locator('table[data-table="tax"]')).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'Tax', exact: true })).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath('reports-x.png'), fullPage: true });

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/^x-report-\d{4}-\d{2}-\d{2}\.csv$/);
  const csvBytes = readFileSync(await csv.path());
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csvBytes.toString('utf8')).toContain('Sales,2,173.45\r\n');

  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PDF' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const pdfBytes = readFileSync(await pdf.path());
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdfBytes.length).toBeGreaterThan(5000);

  // The Z report of today, closed with the manager's PIN. Today has not ended: closing it now
  // is closing early, which the manager has to tick.
  await page.getByLabel('Z report (business day)').check();
  await expect(page.getByRole('heading', { name: 'Z report (day still open)' })).toBeVisible();
  await page.getByLabel(/Close early: this day runs until/).check();
  await page.getByLabel('Manager PIN to close').fill('2468');
  await page.getByRole('button', { name: 'Close the day' }).click();
  await expect(page.getByRole('heading', { name: 'Z report no. 1' })).toBeVisible();

  expect((await call(terminal, page, 'terminal.setLocale', { locale: 'zh-Hant' })).ok).toBe(true);
  await page.reload();
  await page.getByRole('button', { name: '選單' }).click();
  await page.getByRole('menuitem', { name: '報表' }).click();
  await expect(page.getByRole('heading', { name: 'X 報表' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '按收銀員：銷售' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '積分負債' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('reports-zh-Hant.png'), fullPage: true });
});

test('a store with tax included in prices sees the day’s tax by rate, in English and 简体中文', async ({
  page,
  terminal,
}, testInfo) => {
  await setUpTerminal(page, terminal);
  await call(terminal, page, 'shift.open', { floatMinor: 0 });
  const taxed = await call(terminal, page, 'tax.configure', {
    settings: { mode: 'inclusive', defaultRateBasisPoints: 825 },
    managerPin: '2468',
  });
  expect(taxed.ok).toBe(true);
  // 2 × 20.00 with 8.25 % inside: 3.05 of tax.
  const sold = await call(terminal, page, 'sale.record', {
    saleId: saleId(),
    memberId: null,
    lines: [{ description: '奶茶', quantity: 2, unitPriceMinor: 2000 }],
    redeemPoints: 0,
  });
  expect(sold.ok).toBe(true);

  await openFromMenu(page, 'Reports');
  await expect(page.getByRole('heading', { name: 'X report' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sales tax' })).toBeVisible();
  const rows = page.locator('table[data-table="tax"] tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Tax included in prices');
  await expect(rows.nth(0)).toContainText('8.25%');
  await expect(rows.nth(0)).toContainText('3.05');
  await expect(rows.nth(1)).toContainText('Tax on sales, less tax refunded');
  await expect(
    page.locator('table[data-table="cashierSales"] thead').getByText('Tax', { exact: true }),
  ).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('reports-tax.png'), fullPage: true });

  expect((await call(terminal, page, 'terminal.setLocale', { locale: 'zh-Hans' })).ok).toBe(true);
  await page.reload();
  await page.getByRole('button', { name: '菜单' }).click();
  await page.getByRole('menuitem', { name: '报表' }).click();
  await expect(page.getByRole('heading', { name: '销售税' })).toBeVisible();
  await expect(page.locator('table[data-table="tax"] tbody tr').first()).toContainText(
    '价格已含税',
  );
  await page.screenshot({ path: testInfo.outputPath('reports-tax-zh-Hans.png'), fullPage: true });
});
