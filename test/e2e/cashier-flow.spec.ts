import { test, expect, setUpTerminal } from './fixtures';

test('a cashier serves a queue: setup, enroll, find, sell, redeem, refund, language, scan', async ({
  page,
  terminal,
}, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}.png`) });

  // 1. setup
  await setUpTerminal(page, terminal);
  await expect(page.getByTestId('connection-status')).toContainText('Offline');
  await shot('01-after-setup');

  // 2. enroll two members, Chinese and Latin names
  await page.keyboard.press('F4');
  await page.getByLabel('Name').fill('王小明');
  await page.getByLabel('Phone').fill('9123 4567');
  await page.getByLabel('Email (optional)').fill('siuming@example.com');
  await page.getByLabel('SMS, Offers: agrees', { exact: true }).check();
  await shot('02-enroll-form');
  await page.getByRole('button', { name: 'Enroll', exact: true }).click();
  await expect(page.getByRole('heading', { name: '王小明' })).toBeVisible();
  const card = (await page.locator('.card-number').innerText()).replace(/\s/g, '');
  expect(card).toMatch(/^2\d{12}$/);

  await page.keyboard.press('F4');
  await page.getByLabel('Name').fill('John Smith');
  await page.getByLabel('Phone').fill('6123 4567');
  await page.getByLabel('SMS, Offers: declines', { exact: true }).check();
  await page.getByRole('button', { name: 'Enroll', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'John Smith' })).toBeVisible();

  // A duplicate phone is refused, and the existing member is offered instead.
  await page.keyboard.press('F4');
  await page.getByLabel('Name').fill('Someone Else');
  await page.getByLabel('Phone').fill('+852 9123 4567');
  await page.getByLabel('SMS, Offers: agrees', { exact: true }).check();
  await page.getByRole('button', { name: 'Enroll', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('already enrolled, for 王小明');
  await shot('03-duplicate-phone');
  await page.getByRole('button', { name: 'Open 王小明 instead' }).click();
  await expect(page.getByRole('heading', { name: '王小明' })).toBeVisible();

  // 3. find by a name fragment
  await page.keyboard.press('F3');
  await page.getByLabel('Phone, card number or name').fill('小明');
  const results = page.getByRole('list', { name: 'Matching members' });
  await expect(results.getByRole('button')).toHaveCount(1);
  // Results show first names and masked phones; the member screen shows the rest.
  await expect(results).toContainText('小明');
  await expect(results).toContainText('•••• 4567');
  await expect(results).not.toContainText('王小明');
  await expect(results).not.toContainText('9123');
  await page.getByLabel('Phone, card number or name').fill('smi');
  await expect(results).toContainText('John');
  await expect(results).not.toContainText('Smith');
  await page.getByLabel('Phone, card number or name').fill('小明');
  await shot('04-find-by-fragment');
  await results.getByRole('button', { name: /小明/ }).click();
  await expect(page.getByRole('heading', { name: '王小明' })).toBeVisible();

  // 4. sale with points: HK$250.00 at 1 point per HK$1 earns 250
  await page.getByRole('button', { name: 'Start a sale for this member' }).click();
  await page.getByLabel('Item').fill('Jasmine tea');
  await page.getByLabel('Qty').fill('2');
  await page.getByLabel('Price (HKD)').fill('125');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$250.00');
  await expect(page.getByTestId('points-to-earn')).toHaveText('+250');
  await shot('05-sale-before-confirm');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-points-earned')).toHaveText('Points earned: 250');
  await expect(page.getByTestId('receipt-balance')).toHaveText('250 points');
  await shot('06-receipt');
  await page.getByRole('button', { name: 'Next sale' }).click();

  // 5. redeem: HK$100.00 sale, 250 points pay HK$12.50 (100 points = HK$5), pay HK$87.50, earn 87
  await page.getByLabel('Attach member').fill('9123');
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  await page.getByLabel('Price (HKD)').fill('100');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Use 250 points' }).click();
  await expect(page.getByTestId('sale-to-pay')).toHaveText('HK$87.50');
  await expect(page.getByTestId('points-to-earn')).toHaveText('+87');
  await shot('07-redeem');
  await page.getByRole('button', { name: /Confirm sale/ }).click();
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$87.50');
  await expect(page.getByTestId('receipt-balance')).toHaveText('87 points');

  // 6. refund that sale: spent points come back, earned points are taken back -> 250 again
  await page.getByRole('button', { name: 'Refund this sale' }).click();
  await page.getByLabel('Reason for the refund').fill('Customer changed mind');
  await page.getByRole('button', { name: 'Confirm refund' }).click();
  await expect(page.getByRole('heading', { name: 'Mong Kok Flagship' })).toBeVisible();
  await expect(page.getByText('Refund receipt')).toBeVisible();
  await expect(page.getByTestId('receipt-balance')).toHaveText('250 points');
  await shot('08-refund-receipt');
  await page.keyboard.press('F6');
  await expect(page.getByRole('table', { name: 'Recent sales' })).toContainText('Refunded');

  // Member detail shows every ledger entry, including the reversals.
  await page.keyboard.press('F3');
  await page.getByLabel('Phone, card number or name').fill('王小明');
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  const history = page.getByRole('table', { name: 'Points history' });
  await expect(history.getByRole('row')).toHaveCount(6);
  await expect(page.getByTestId('member-balance')).toHaveText('250 points');
  await shot('09-member-history');

  // 7. switch language
  await page.keyboard.press('F8');
  await page.getByRole('button', { name: '繁體中文' }).click();
  await expect(page.getByRole('heading', { name: '設定' })).toBeVisible();
  await expect(page.getByTestId('connection-status')).toContainText('離線');
  await shot('10-traditional-chinese');

  // 8. scan a card from any screen: a fast burst of digits ending in Enter opens the member
  await page.keyboard.press('F3');
  await page.keyboard.type(card, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: '王小明' })).toBeVisible();
  await expect(page.getByTestId('member-balance')).toHaveText('250 分');
  await shot('11-scanned-card');

  // And on the sale screen the scan attaches the member to the sale.
  await page.keyboard.press('F2');
  await page.keyboard.type(card, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-member-balance')).toHaveText('250 分');
});
