import { test, expect, enrollMember, ringUp, setUpTerminal } from './fixtures';

/** Defects found at the till (issue 16, §1): each test failed before its fix. */

test('every visit to Enroll starts empty, with the marketing question unanswered', async ({
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);
  await enrollMember(page, { name: 'Amy Chan', phone: '9123 4567' });

  // A duplicate phone with "yes" ticked is refused and the form stays as typed...
  await page.keyboard.press('F4');
  await page.getByLabel('Name').fill('Someone Else');
  await page.getByLabel('Phone').fill('9123 4567');
  await page.getByLabel('Yes, they agree').check();
  await page.getByRole('button', { name: 'Enroll', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('already enrolled');

  // ...but F4 is the next customer: nothing of the last one is kept, least of all consent.
  await page.keyboard.press('F4');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Name')).toHaveValue('');
  await expect(page.getByLabel('Phone')).toHaveValue('');
  await expect(page.getByLabel('Yes, they agree')).not.toBeChecked();
  await expect(page.getByLabel('No, they do not agree')).not.toBeChecked();
  await expect(page.getByLabel('Name')).toBeFocused();

  // Clicking Enroll in the top bar is a visit too.
  await page.getByLabel('Name').fill('Ben Lee');
  await page.getByLabel('No, they do not agree').check();
  await page.getByRole('navigation').getByRole('button', { name: /Enroll/ }).click();
  await expect(page.getByLabel('Name')).toHaveValue('');
  await expect(page.getByLabel('No, they do not agree')).not.toBeChecked();
});

test('after "Clear sale" or removing a line, what the cashier types goes into the price', async ({
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);
  await ringUp(page, '10');
  await page.getByLabel('Item', { exact: true }).fill('Half-typed');
  await page.getByRole('button', { name: 'Clear sale' }).click();
  await expect(page.getByText('Type a price and press Enter to start the sale.')).toBeVisible();
  const price = page.getByLabel('Price (HKD)');
  await expect(price).toBeFocused();
  // Nothing of the cleared sale is left in the fields either.
  await expect(page.getByLabel('Item', { exact: true })).toHaveValue('');
  await page.keyboard.type('42');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$42.00');

  await ringUp(page, '8');
  await page.getByRole('button', { name: /^Remove / }).first().click();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$8.00');
  await expect(price).toBeFocused();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$13.00');
});
