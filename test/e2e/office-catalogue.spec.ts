import { expect, test } from './fixtures';
import { provisionStore, removeHeadOffice, startHeadOffice, stopHeadOffice } from './headOffice';

const PASSWORD = 'a long office password';

/** Two good items (one in a category head office does not have yet) and a bad barcode. */
const CSV = [
  'sku,barcodes,name_en,name_zh_hant,name_zh_hans,category,price,tax_class,active',
  'TEA-001,4006381333931|036000291452,Jasmine tea,茉莉花茶,茉莉花茶,TEA,38.00,,yes',
  'CAKE-1,,Egg tart,蛋撻,蛋挞,BAKERY,8.50,,yes',
  'BAD-1,4006381333932,Broken barcode,,,TEA,1,,yes',
].join('\n');

test('an admin imports the catalogue after a dry run, finds an item by its Chinese name, sets a store price, and the program editor offers the codes', async ({
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const headOffice = await startHeadOffice();
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Hong_Kong' });
  const office = await context.newPage();
  try {
    await provisionStore(headOffice, 'Causeway Bay', 0);
    await office.goto(`${headOffice.url}/office/`);
    await office.getByLabel('Admin token').fill(headOffice.adminToken);
    await office.getByLabel('Name').fill('Ms Lam');
    await office.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await office.getByLabel('The same password again').fill(PASSWORD);
    await office.getByRole('button', { name: 'Create and sign in' }).click();
    await expect(office.getByText('Signed in as Ms Lam')).toBeVisible();
    await office.getByRole('button', { name: 'Catalogue' }).click();

    const categories = office.getByRole('region', { name: 'Categories' });
    await categories.getByLabel('Code').fill('TEA');
    await categories.getByLabel('Name (English)').fill('Tea');
    await categories.getByLabel('Name (繁體中文)').fill('茶');
    await categories.getByRole('button', { name: 'Save category' }).click();
    await expect(categories.getByRole('button', { name: 'Edit TEA' })).toBeVisible();

    const section = office.getByRole('region', { name: 'Import the catalogue from a CSV' });
    await section.getByLabel('CSV file').setInputFiles({
      name: 'catalogue.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await section.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await expect(section.getByRole('status')).toHaveText(/Nothing has been written yet/);
    const totals = section.getByRole('list', { name: 'Totals' });
    await expect(totals).toContainText('2 new items');
    await expect(totals).toContainText('1 row with an error (not imported)');
    await expect(totals).toContainText('1 new category');
    const report = section.getByRole('table', { name: 'Each row of the file' });
    await expect(report.getByRole('row', { name: /^4 Error BAD-1/ })).toContainText(
      'good check digit',
    );
    await section.getByRole('button', { name: 'Import 2 rows' }).click();
    await expect(section.getByRole('status')).toHaveText(/Imported/);
    await office.screenshot({
      path: testInfo.outputPath('catalogue-import-1280.png'),
      fullPage: true,
    });
    // Every page's button on one line at 1280 px.
    const nav = office.getByRole('navigation');
    const tops = await nav
      .getByRole('button')
      .evaluateAll((buttons) => new Set(buttons.map((b) => b.getBoundingClientRect().top)).size);
    expect(tops).toBe(1);
    await office.setViewportSize({ width: 1024, height: 768 });
    await office.screenshot({ path: testInfo.outputPath('catalogue-import-1024.png') });
    await office.setViewportSize({ width: 1280, height: 800 });

    const items = office.getByRole('region', { name: 'Items' });
    await items.getByLabel('SKU, barcode or name').fill('茉莉');
    await items.getByRole('button', { name: 'Search' }).click();
    await expect(items.getByRole('status')).toHaveText('1 item');
    await expect(items.getByRole('row', { name: /TEA-001/ })).toContainText('100%');
    await items.getByRole('button', { name: 'Edit TEA-001' }).click();

    const editor = office.getByRole('region', { name: 'Item TEA-001' });
    await expect(editor.getByLabel('Name (繁體中文)')).toHaveValue('茉莉花茶');
    await expect(editor.getByTestId('item-earn-rule')).toContainText('earns as usual (100%)');
    await editor.getByLabel('Price (HKD)', { exact: true }).fill('35');
    await editor.getByRole('button', { name: 'Set price' }).click();
    await expect(editor.getByText(/Causeway Bay: HK\$35\.00/)).toBeVisible();

    // A barcode another item has is refused, naming that item's SKU.
    await items.getByLabel('SKU, barcode or name').fill('CAKE-1');
    await items.getByRole('button', { name: 'Search' }).click();
    await items.getByRole('button', { name: 'Edit CAKE-1' }).click();
    const cake = office.getByRole('region', { name: 'Item CAKE-1' });
    await cake.getByLabel('Barcodes').fill('4006381333931');
    await cake.getByRole('button', { name: 'Save item' }).click();
    await expect(cake.getByRole('alert')).toContainText(
      'That barcode is already on the item with SKU TEA-001.',
    );

    await office.getByRole('button', { name: 'Program' }).click();
    await office.getByRole('button', { name: 'Add product or category' }).click();
    const rule = office.getByLabel('Product code or category, row 1');
    await rule.fill('TEAS');
    await expect(
      office.getByText('TEAS is not a SKU or category code in the catalogue.'),
    ).toBeVisible();
    await rule.fill('TEA');
    await expect(office.getByText(/is not a SKU or category code/)).toHaveCount(0);
    const offered = office.locator('datalist#catalogue-codes option');
    await expect(offered).toHaveCount(4);
    for (const [index, code] of ['BAKERY', 'TEA', 'CAKE-1', 'TEA-001'].entries()) {
      await expect(offered.nth(index)).toHaveAttribute('value', code);
    }
  } finally {
    await context.close();
    await stopHeadOffice(headOffice);
    removeHeadOffice(headOffice);
  }
});
