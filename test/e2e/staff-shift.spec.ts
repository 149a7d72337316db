import { test, expect, ringUp, setUpTerminal, signIn } from './fixtures';

test('staff and shifts: add a cashier, open with a float, sell, switch, refund over the limit with a manager PIN, close with a difference, find the override', async ({
  page,
  terminal,
}, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  // Set up: the manager is signed in and nothing can be sold until a shift is opened.
  await setUpTerminal(page, terminal, { openingFloat: null });
  await expect(page.getByText('Cashier: May Chan')).toBeVisible();

  // 1. The manager adds two cashiers (Shift+F8), each with their own PIN.
  await page.keyboard.press('Shift+F8');
  await expect(page.getByRole('heading', { name: 'Staff', exact: true })).toBeVisible();
  const addForm = page.getByRole('form', { name: 'Add a staff member' });
  for (const [name, pin] of [
    ['Chris Wong', '1357'],
    ['Dana Lee', '8642'],
  ] as const) {
    await addForm.getByLabel('Staff name').fill(name);
    await addForm.getByLabel('Their PIN').fill(pin);
    await addForm.getByLabel('Manager PIN').fill('2468');
    await addForm.getByRole('button', { name: 'Add staff member' }).click();
    await expect(page.getByText(`${name} can now sign in.`)).toBeVisible();
  }
  // A PIN someone already has is refused: a PIN alone identifies its owner.
  await addForm.getByLabel('Staff name').fill('Copy Cat');
  await addForm.getByLabel('Their PIN').fill('1357');
  await addForm.getByLabel('Manager PIN').fill('2468');
  await addForm.getByRole('button', { name: 'Add staff member' }).click();
  await expect(addForm.getByRole('alert')).toContainText('already uses that PIN');
  await shot('01-staff');

  // 2. Chris signs in (F1, PIN alone) and opens the shift with a HK$200 float.
  await page.keyboard.press('F1');
  await expect(page.getByRole('heading', { name: 'Switch cashier' })).toBeVisible();
  await signIn(page, '1357');
  await expect(page.getByText('Cashier: Chris Wong')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Open the shift' })).toBeVisible();
  await page.getByLabel('Cash float (HKD)').fill('200');
  await page.getByRole('button', { name: 'Open shift' }).click();
  await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();

  // A cashier cannot open a manager screen without a manager's PIN.
  await page.keyboard.press('Shift+F6');
  await expect(page.getByRole('heading', { name: 'Manager approval: audit log' })).toBeVisible();
  await page.keyboard.press('F2');

  // 3. Cash sales: HK$120 and HK$600.
  for (const price of ['120', '600']) {
    await ringUp(page, price);
    await page.keyboard.press('F9');
    await expect(page.getByTestId('receipt-paid')).toHaveText(`HK$${price}.00`);
    await page.getByRole('button', { name: 'Next sale' }).click();
  }
  await shot('02-sold');

  // 4. Switch cashier to Dana; she refunds the HK$600 sale, above the HK$500 limit.
  await page.keyboard.press('F1');
  await signIn(page, '8642');
  await expect(page.getByText('Cashier: Dana Lee')).toBeVisible();
  await page.keyboard.press('F6');
  await page.getByRole('table', { name: 'Recent sales' }).getByRole('button').first().click();
  await page.getByRole('button', { name: 'Refund this sale' }).click();
  await page.getByLabel('Reason for the refund').fill('Faulty kettle');
  await page.getByRole('button', { name: 'Confirm refund' }).click();
  await expect(page.getByRole('heading', { name: 'Manager approval: refund' })).toBeVisible();
  await expect(
    page.getByText('A refund of HK$600.00 is above the limit of HK$500.00'),
  ).toBeVisible();
  await shot('03-refund-needs-manager');
  // A cashier's PIN is not a manager's.
  await page.getByLabel('Manager PIN').fill('8642');
  await page.getByRole('button', { name: 'Confirm refund' }).click();
  await expect(page.getByRole('alert')).toContainText('not a manager’s PIN');
  await page.getByLabel('Manager PIN').fill('2468');
  await page.getByRole('button', { name: 'Confirm refund' }).click();
  await expect(page.getByText('Refund receipt')).toBeVisible();

  // 5. The manager signs in and closes the shift: 200 + 120 + 600 − 600 = HK$320 expected.
  await page.keyboard.press('F1');
  await signIn(page, '2468');
  await expect(page.getByText('Cashier: May Chan')).toBeVisible();
  await page.keyboard.press('Shift+F2');
  await expect(page.getByRole('heading', { name: 'Close the shift' })).toBeVisible();
  await expect(page.getByTestId('shift-expected')).toHaveText('HK$320.00');
  await page.getByLabel('Cash counted (HKD)').fill('310');
  await expect(page.getByTestId('shift-difference')).toContainText('10.00');
  await expect(page.getByRole('button', { name: 'Close shift' })).toBeDisabled();
  await page.getByLabel('Why the difference').fill('Gave HK$10 too much change');
  await page.getByRole('button', { name: 'Close shift' }).click();
  await expect(page.getByRole('heading', { name: 'Shift closed' })).toBeVisible();
  await shot('04-shift-closed');
  // No shift, no sale: the sale screen asks for the next float.
  await page.keyboard.press('F2');
  await expect(page.getByRole('heading', { name: 'Open the shift' })).toBeVisible();

  // 6. The audit log finds the override, naming the cashier and the approving manager.
  await page.keyboard.press('Shift+F6');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Action').selectOption({ label: 'Refund above the limit approved' });
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const results = page.getByRole('list', { name: 'Audit entries, newest first' });
  await expect(results.getByRole('listitem')).toHaveCount(1);
  await expect(results).toContainText('By Dana Lee · approved by May Chan');
  await expect(results).toContainText('HK$600.00');
  await expect(results).toContainText('Faulty kettle');
  await shot('05-audit');

  // 7. Locking: nothing until someone signs in.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});
