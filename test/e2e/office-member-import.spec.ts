import { expect, test } from './fixtures';
import { provisionStore, removeHeadOffice, startHeadOffice, stopHeadOffice } from './headOffice';

const PASSWORD = 'a long office password';

/** A small export of the old system: two good rows, a duplicate of the first, one bad phone. */
const CSV = [
  'name,phone,country,email,card,points,points_expiry,consent_sms_marketing,consent_date',
  'Ho Ka Yan,6123 4567,HK,ho@example.com,OLD-0001,1200,2027-06-30,yes,2024-02-01',
  '李美玲,138 0013 8000,CN,,,0,,,',
  'Ho Ka Yan again,+852 6123 4567,,,,50,2027-06-30,,',
  'Wrong phone,12,HK,,,,,,',
].join('\n');

test('an admin dry-runs the old system’s member CSV, imports it and finds the member', async ({
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
    await office.getByRole('button', { name: 'Members' }).click();

    const section = office.getByRole('region', { name: 'Import members from the old system' });
    await section.getByLabel('CSV file').setInputFiles({
      name: 'old-members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await section.getByLabel('Home store when a row names none').selectOption({
      label: 'Causeway Bay',
    });
    await section.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await expect(section.getByRole('status')).toHaveText(/Dry run: nothing has been saved/);
    const totals = section.getByRole('list', { name: 'Totals' });
    await expect(totals).toContainText('2 new members');
    await expect(totals).toContainText('1 duplicate row merged into its member');
    await expect(totals).toContainText('1 row with an error, left out');
    const report = section.getByRole('table', { name: 'Each row of the file' });
    await expect(report.getByRole('row', { name: /^4 Merged/ })).toContainText(
      'Into the member of row 2',
    );
    await expect(report.getByRole('row', { name: /^5 Error/ })).toContainText(
      'The phone is not a valid number for its country. (phone)',
    );
    for (const [width, height] of [
      [1280, 800],
      [1024, 768],
    ] as const) {
      await office.setViewportSize({ width, height });
      await office.screenshot({
        path: testInfo.outputPath(`member-import-dry-run-${width}.png`),
        fullPage: true,
      });
    }

    // The dry run saved nothing: the member is not there yet.
    await office.getByLabel('Reason for looking').selectOption('customer_enquiry');
    await office.getByLabel('Phone, card number or name').fill('6123 4567');
    await office.getByRole('button', { name: 'Find', exact: true }).click();
    await expect(office.getByText('No member matches.')).toBeVisible();

    await section.getByRole('button', { name: 'Import 3 rows' }).click();
    await expect(section.getByRole('status')).toHaveText(/Imported/);
    await expect(report.getByRole('row', { name: /^2 New member OLD-0001/ })).toBeVisible();
    await office.setViewportSize({ width: 1280, height: 800 });
    await office.screenshot({
      path: testInfo.outputPath('member-import-done-1280.png'),
      fullPage: true,
    });

    await office.getByRole('button', { name: 'Find', exact: true }).click();
    const found = office.getByRole('list', { name: 'Matching members' });
    await expect(found).toContainText('Ho Ka Yan');
    await expect(found).toContainText('OLD-0001');
    await found.getByRole('button', { name: /Ho Ka Yan/ }).click();
    await expect(office.getByText('1,250').first()).toBeVisible();
  } finally {
    await context.close();
    await stopHeadOffice(headOffice);
    removeHeadOffice(headOffice);
  }
});
