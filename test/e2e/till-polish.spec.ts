import { test, expect, ringUp, setUpTerminal, signIn, openFromMenu } from './fixtures';

test('cash or card at the counter, change to give, the tender on the receipt, the list and the X report', async ({
  page,
  terminal,
}, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await setUpTerminal(page, terminal);

  // Cash is the default; F5 switches to card and back. Card takes no cash received.
  await ringUp(page, '154.50');
  await expect(page.getByTestId('tender-cash')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByText('switches cash / card')).toBeVisible();
  await page.keyboard.press('F5');
  await expect(page.getByTestId('tender-card')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('cash-received')).toHaveCount(0);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('tender-cash')).toHaveAttribute('aria-pressed', 'true');

  // Short of what is due: said at once, and the sale cannot be confirmed.
  await page.getByTestId('cash-received').fill('100');
  await expect(page.getByTestId('sale-cash-short')).toHaveText('Short by HK$54.50');
  await expect(page.getByRole('button', { name: /Confirm sale/ })).toBeDisabled();
  // HK$200 handed over: HK$45.50 change; Enter in the field confirms the sale.
  await page.getByTestId('cash-received').fill('200');
  await expect(page.getByTestId('sale-change')).toContainText('HK$45.50');
  await shot('01-cash-received');
  await page.getByTestId('cash-received').press('Enter');
  await expect(page.getByTestId('change-banner')).toHaveText('Give change: HK$45.50');
  await expect(page.getByTestId('receipt-tender')).toHaveText('Cash');
  await expect(page.getByTestId('receipt-cash-received')).toHaveText('HK$200.00');
  await expect(page.getByTestId('receipt-change')).toHaveText('HK$45.50');
  await shot('02-receipt-change');

  // A card sale: the receipt says card, with no cash or change.
  await page.getByRole('button', { name: 'Next sale' }).click();
  await ringUp(page, '80');
  await page.getByTestId('tender-card').click();
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-tender')).toHaveText('Card');
  await expect(page.getByTestId('receipt-change')).toHaveCount(0);
  await expect(page.getByTestId('change-banner')).toHaveCount(0);

  // The sales list shows each sale's tender, newest first.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('sale-tender')).toHaveText(['Card', 'Cash']);
  await shot('03-sales-list');

  // The X report splits the money, and its shift section counts cash and card apart.
  await openFromMenu(page, 'Reports');
  const sales = page.locator('table[data-table="sales"]');
  await expect(sales.getByRole('row', { name: /of which cash/ })).toContainText('HK$154.50');
  await expect(sales.getByRole('row', { name: /of which card/ })).toContainText('HK$80.00');
  const shift = page.locator('table[data-table="shift"]');
  await expect(shift.getByRole('row', { name: /Card taken/ })).toContainText('HK$80.00');
  await expect(shift.getByRole('row', { name: /Cash expected/ })).toContainText('HK$654.50');
  await shot('04-x-report');
});

test('closing today early needs "close early"; the reprint says it closed early', async ({
  page,
  terminal,
}, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
  await setUpTerminal(page, terminal);
  await ringUp(page, '50');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$50.00');

  await openFromMenu(page, 'Reports');
  await page.getByLabel('Z report (business day)').check();
  const early = page.getByLabel(/Close early: this day runs until/);
  await expect(early).toBeVisible();
  await page.getByLabel('Manager PIN to close').fill('2468');
  // Not ticked: the form does not send.
  await page.getByRole('button', { name: 'Close the day' }).click();
  await expect(page.getByRole('heading', { name: /Z report no\./ })).toHaveCount(0);
  await early.check();
  await page.getByLabel('Manager PIN to close').fill('2468');
  await page.getByRole('button', { name: 'Close the day' }).click();
  await expect(page.getByRole('heading', { name: 'Z report no. 1' })).toBeVisible();
  await expect(page.getByText(/Closed early: the day ran until/)).toContainText(
    '0 sales and refunds since',
  );
  await shot('05-z-closed-early');

  // A sale after the close is counted on the reprint (and belongs to the next day's Z).
  await page.keyboard.press('F2');
  await ringUp(page, '20');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$20.00');
  await openFromMenu(page, 'Reports');
  await page.getByLabel('Z report (business day)').check();
  await expect(page.getByText(/Closed early: the day ran until/)).toContainText(
    '1 sale or refund since is in the next day’s Z',
  );
});

test('a cashier opens the program (F7), settings (F8), reports and analytics only with a manager PIN', async ({
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);
  // The manager signed in opens both directly.
  await page.keyboard.press('F7');
  await expect(page.getByRole('heading', { name: 'Loyalty program', exact: true })).toBeVisible();
  await page.keyboard.press('F8');
  await expect(page.getByRole('group', { name: 'Language' })).toBeVisible();

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

  await page.keyboard.press('F7');
  await expect(
    page.getByRole('heading', { name: 'Manager approval: loyalty program' }),
  ).toBeVisible();
  await expect(page.getByTestId('program-preview')).toHaveCount(0);
  // The cashier's own PIN is not a manager's.
  await page.getByLabel('Manager PIN').fill('1357');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('not a manager');
  await page.getByLabel('Manager PIN').fill('2468');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('program-preview')).toBeVisible();

  // The approval was for the program only: settings asks again.
  await page.keyboard.press('F8');
  await expect(page.getByRole('heading', { name: 'Manager approval: settings' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Language' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();

  // Reports and analytics are the manager's too.
  await openFromMenu(page, 'Reports');
  await expect(page.getByRole('heading', { name: 'Manager approval: reports' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export CSV' })).toHaveCount(0);
  await page.getByLabel('Manager PIN').fill('2468');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeVisible();
  await openFromMenu(page, 'Analytics');
  await expect(
    page.getByRole('heading', { name: 'Manager approval: loyalty analytics' }),
  ).toBeVisible();
});
