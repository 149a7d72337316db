import type { Page } from '@playwright/test';
import { test, expect, setUpTerminal, enrollMember, saveProgram, ringUp } from './fixtures';

/** Finds a member by phone on the sale screen and attaches them to the sale. */
async function attachMember(page: Page, phone: string) {
  await page.getByLabel('Attach member').fill(phone);
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  await expect(page.getByTestId('sale-member-balance')).toBeVisible();
}

async function openMember(page: Page, query: string) {
  await page.keyboard.press('F3');
  await page.getByLabel('Phone, card number or name').fill(query);
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
}

test('a welcome coupon issued at enrollment is redeemed at the next sale', async ({
  page,
  terminal,
}, testInfo) => {
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await setUpTerminal(page, terminal);

  // The manager adds a HK$20-off campaign and makes it the welcome coupon.
  await page.keyboard.press('F8');
  await page.getByRole('button', { name: /Open loyalty program/ }).click();
  await expect(page.getByRole('heading', { name: 'Loyalty program' })).toBeVisible();
  await page.getByRole('button', { name: 'Add campaign' }).click();
  const campaign = page.getByRole('group', { name: 'Campaign 1' });
  await campaign.getByLabel('Name').fill('Welcome HK$20 off');
  await campaign.getByLabel('Gives').selectOption({ label: 'Amount off' });
  // Until the amount is typed the schema refuses the campaign, next to the field.
  await expect(campaign.getByText('This kind of coupon needs this value.')).toBeVisible();
  await expect(page.getByTestId('program-preview')).toContainText('Fix the values marked in red');
  await campaign.getByLabel('Amount off (HKD)').fill('20');
  await campaign.getByLabel('Minimum basket (HKD)').fill('50');
  await page.getByLabel('Welcome coupon').selectOption({ label: 'Welcome HK$20 off' });
  await expect(page.getByTestId('program-preview')).toContainText(
    'A HK$1,000.00 sale at 金 Gold earns 1,500 points',
  );
  await expect(page.getByTestId('program-preview')).toContainText('100 points pay HK$5.00');
  await shot('01-program-campaign');
  // A wrong PIN saves nothing.
  await page.getByLabel('Manager PIN').fill('1111');
  await page.getByRole('button', { name: 'Save program' }).click();
  await expect(page.getByText('That PIN is not a manager’s PIN.')).toBeVisible();
  await saveProgram(page);

  // Enrollment issues the welcome coupon.
  await enrollMember(page, { name: '陳大文', phone: '9876 5432' });
  const coupons = page.getByRole('table', { name: 'Coupons' });
  await expect(coupons.getByTestId('member-coupon')).toHaveCount(1);
  await expect(coupons).toContainText('Welcome HK$20 off');
  await expect(coupons.getByTestId('coupon-state')).toHaveText('Usable');
  const code = (await coupons.locator('td.code').innerText()).trim();
  expect(code).toMatch(/^CP[2-9A-HJ-NP-Z]{2}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  await shot('02-member-with-welcome-coupon');

  // At the till the member's coupon is one press away; it takes HK$20 off a HK$100 sale.
  await page.getByRole('button', { name: 'Start a sale for this member' }).click();
  await ringUp(page, '100');
  await page.getByRole('button', { name: 'Apply coupon Welcome HK$20 off' }).click();
  await expect(page.getByTestId('sale-coupon-discount')).toHaveText('-HK$20.00');
  await expect(page.getByTestId('sale-to-pay')).toHaveText('HK$80.00');
  await expect(page.getByTestId('points-to-earn')).toHaveText('+80');
  await shot('03-sale-with-coupon');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-coupon-discount')).toHaveText('-HK$20.00');
  await expect(page.getByTestId('receipt-coupons-redeemed')).toContainText(code);
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$80.00');
  await shot('04-receipt-with-coupon');

  // The coupon is used now, and scanning it again says exactly that.
  await page.getByRole('button', { name: 'Next sale' }).click();
  await attachMember(page, '9876');
  await ringUp(page, '100');
  await page.getByLabel('Coupon code').fill(code.toLowerCase().replace(/-/g, ''));
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByTestId('coupon-refusal')).toHaveText('This coupon has already been used.');
  // A typo is caught by the check character before any lookup.
  await page
    .getByLabel('Coupon code')
    .fill(`${code.slice(0, -1)}${code.endsWith('2') ? '3' : '2'}`);
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await expect(page.getByTestId('coupon-refusal')).toHaveText(
    'That coupon code has a typo. Check it and try again.',
  );
  await shot('05-coupon-refused');
  await openMember(page, '9876');
  await expect(page.getByTestId('coupon-state')).toHaveText('Used');

  // 陳大文 refers a friend: typing the code at enrollment says who referred them.
  const referral = (await page.getByTestId('member-referral-code').innerText()).trim();
  await page.keyboard.press('F4');
  await page.getByLabel('Referral code').fill(referral.toLowerCase());
  await expect(page.getByTestId('referral-status')).toHaveText('Referred by 陳大文');
  await shot('06-enroll-with-referral');
  await enrollMember(page, { name: '陳小文', phone: '6123 7777', referralCode: referral });
  await page.getByRole('button', { name: 'Open the member who referred them' }).click();
  await expect(page.getByRole('heading', { name: '陳大文' })).toBeVisible();
});

test('a gift card is sold, then pays part of a later sale', async ({
  page,
  terminal,
}, testInfo) => {
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await setUpTerminal(page, terminal);

  await page.getByRole('button', { name: 'Sell gift card' }).click();
  await page.getByLabel('Gift card amount (HKD)').fill('500');
  await page.getByRole('button', { name: 'Add gift card' }).click();
  await expect(page.getByRole('table', { name: 'Items in this sale' })).toContainText(
    'New gift card · earns no points',
  );
  await expect(page.getByTestId('sale-total')).toHaveText('HK$500.00');
  await shot('01-sell-gift-card');
  await page.keyboard.press('F9');
  const sold = page.getByTestId('receipt-gift-card-sold');
  await expect(sold).toContainText('New gift card: HK$500.00');
  await expect(sold.getByRole('img', { name: /Barcode of gift card GC/ })).toBeVisible();
  const code = (await sold.locator('figcaption').innerText()).trim();
  expect(code).toMatch(/^GC..-....-....$/);
  await shot('02-receipt-gift-card');

  // A HK$120 sale: the card pays HK$100, money pays the rest.
  await page.getByRole('button', { name: 'Next sale' }).click();
  await ringUp(page, '120');
  await page.getByLabel('Gift card number').fill(code);
  await page.getByRole('button', { name: 'Check balance' }).click();
  await expect(page.getByTestId('gift-card-payment-balance')).toHaveText('Balance HK$500.00');
  await page.getByLabel('Amount from this card (HKD)').fill('100');
  await page.getByRole('button', { name: 'Pay with this card' }).click();
  await expect(page.getByTestId('sale-gift-card')).toHaveText('-HK$100.00');
  await expect(page.getByTestId('sale-to-pay')).toHaveText('HK$20.00');
  await expect(page.getByTestId('gift-card-payment')).toContainText('Balance after: HK$400.00');
  await shot('03-pay-with-gift-card');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-gift-card')).toHaveText('-HK$100.00');
  await expect(page.getByTestId('receipt-gift-card-paid')).toContainText('Balance HK$400.00');
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$20.00');
  await shot('04-receipt-paid-by-gift-card');

  // The balance check screen (F10) agrees.
  await page.keyboard.press('F10');
  await page.getByLabel('Gift card number').fill(code);
  await page.getByRole('button', { name: 'Check balance' }).click();
  await expect(page.getByTestId('gift-card-balance')).toHaveText('HK$400.00');
  await shot('05-gift-card-balance');

  // Topping the card up by HK$50 loads it to HK$450.
  await page.keyboard.press('F2');
  await page.getByRole('button', { name: 'Top up gift card' }).click();
  await page.getByLabel('Gift card number').first().fill(code);
  await page.getByLabel('Gift card amount (HKD)').fill('50');
  await page.getByRole('button', { name: 'Add top-up' }).click();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$50.00');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-gift-card-topped_up')).toContainText('Top-up: HK$50.00');
  await expect(page.getByTestId('receipt-gift-card-topped_up')).toContainText('Balance HK$450.00');
});

/** Earns 200 points on a HK$200 sale, then spends all of them on a HK$10 sale. */
async function earnThenSpend(page: Page, phone: string, lines: () => Promise<void>) {
  await page.keyboard.press('F2');
  await attachMember(page, phone);
  await lines();
  await expect(page.getByTestId('points-to-earn')).toHaveText('+200');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-balance')).toHaveText('200 points');
  const firstSale = await page.getByText(/^No\. /).innerText();
  await page.getByRole('button', { name: 'Next sale' }).click();
  await attachMember(page, phone);
  await ringUp(page, '10');
  await page.getByRole('button', { name: 'Use 200 points' }).click();
  await expect(page.getByTestId('sale-to-pay')).toHaveText('HK$0.00');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-balance')).toHaveText('0 points');
  return firstSale.replace(/^No\. (\S+).*$/, '$1');
}

async function openSale(page: Page, number: string) {
  await page.keyboard.press('F6');
  await page.getByLabel('Sale number').fill(number);
  await page.getByRole('button', { name: number }).click();
}

test('refunding a sale whose points were already spent: a debt, or less cash back', async ({
  page,
  terminal,
}, testInfo) => {
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await setUpTerminal(page, terminal);
  await enrollMember(page, { name: 'Alice Wong', phone: '9876 1234' });
  await enrollMember(page, { name: 'Bob Lee', phone: '6123 9876' });

  // Default policy, negative balance: the whole sale comes back and the points become a debt.
  const aliceSale = await earnThenSpend(page, '9876 1234', () => ringUp(page, '200'));
  await openSale(page, aliceSale);
  await page.getByRole('button', { name: 'Refund this sale' }).click();
  await page.getByLabel('Reason for the refund').fill('Wrong size');
  await page.getByRole('button', { name: 'Confirm refund' }).click();
  await expect(page.getByText('Refund receipt')).toBeVisible();
  await expect(page.getByTestId('receipt-points-earned')).toHaveText('Points taken back: 200');
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$200.00');
  await expect(page.getByTestId('receipt-shortfall')).toHaveCount(0);
  await shot('01-refund-negative-balance');
  await openMember(page, '9876 1234');
  await expect(page.getByTestId('member-balance')).toHaveText('-200 points');
  await expect(page.getByTestId('loyalty-debt')).toHaveText('200 points');
  await expect(page.getByRole('table', { name: 'Points history' })).toContainText(
    'Refund: earned points taken back',
  );
  await shot('02-member-with-debt');
  // A manager forgives the debt: an audited adjustment with a reason.
  await page.getByLabel(/^Points \(e\.g\./).fill('200');
  await page.getByLabel('Reason', { exact: true }).fill('Goodwill after complaint');
  await page.getByLabel('Manager PIN').fill('2468');
  await page.getByRole('button', { name: 'Save adjustment' }).click();
  await expect(page.getByTestId('member-balance')).toHaveText('0 points');
  await expect(page.getByRole('table', { name: 'Points history' })).toContainText(
    'Adjusted by a manager',
  );

  // The manager switches to "reduce the cash refund"; Bob returns one of two items.
  await page.keyboard.press('F7');
  await page.getByLabel('Reduce the cash refund by the value of those points').check();
  await saveProgram(page);
  const bobSale = await earnThenSpend(page, '6123 9876', () =>
    page
      .getByLabel('Qty')
      .fill('2')
      .then(() => ringUp(page, '100', 'Tea set')),
  );
  await openSale(page, bobSale);
  await page.getByRole('button', { name: 'Refund this sale' }).click();
  await page.getByLabel('Chosen items').check();
  await page.getByLabel(/How many Tea set to refund/).fill('1');
  await page.getByLabel('Reason for the refund').fill('One was chipped');
  await shot('03-refund-chosen-items');
  await page.getByRole('button', { name: 'Confirm refund' }).click();
  await expect(page.getByText('Refund receipt')).toBeVisible();
  // 100 points taken back were already spent: their value (HK$5.00) is kept from the cash.
  await expect(page.getByTestId('receipt-shortfall')).toHaveText('-HK$5.00');
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$95.00');
  await expect(page.getByTestId('receipt-balance')).toHaveText('0 points');
  await shot('04-refund-reduced-cash');
  // The original sale shows what is already refunded and what is left.
  await openSale(page, bobSale);
  await expect(page.getByText('Part of this sale has been refunded.')).toBeVisible();
  await page.getByRole('button', { name: 'Refund this sale' }).click();
  await page.getByLabel('Chosen items').check();
  await expect(page.getByTestId('line-refunded')).toHaveText('1 refunded already');
  await openMember(page, '6123 9876');
  await expect(page.getByTestId('member-balance')).toHaveText('0 points');
});

test('crossing a tier threshold shows the upgrade on the receipt', async ({
  page,
  terminal,
}, testInfo) => {
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await setUpTerminal(page, terminal);
  await page.keyboard.press('F7');
  await page.getByLabel('Threshold of tier 2').fill('100');
  // Rising thresholds are checked before anything is saved.
  await page.getByLabel('Threshold of tier 3').fill('50');
  await expect(page.getByText('Must be higher than the tier before.')).toBeVisible();
  await shot('01-threshold-issue');
  await page.getByLabel('Threshold of tier 3').fill('10000');
  await saveProgram(page);

  await enrollMember(page, { name: 'Carol Ho', phone: '9555 6666' });
  await expect(page.getByTestId('loyalty-tier')).toContainText('普通 Basic');
  await expect(page.getByTestId('loyalty-progress')).toHaveText('HK$100.00 more to 銀 Silver');
  await page.getByRole('button', { name: 'Start a sale for this member' }).click();
  await ringUp(page, '150');
  await shot('02-sale-before-upgrade');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-tier-upgrade')).toHaveText('Upgraded to 銀 Silver!');
  await expect(page.getByTestId('receipt-tier')).toHaveText('Tier: 銀 Silver');
  await shot('03-receipt-upgrade');
  await openMember(page, '9555');
  await expect(page.getByTestId('loyalty-tier')).toContainText('銀 Silver');
  await expect(page.getByTestId('loyalty-progress')).toHaveText('HK$9,850.00 more to 金 Gold');
});

test('the loyalty screens in 繁體中文', async ({ page, terminal }, testInfo) => {
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await setUpTerminal(page, terminal);
  await page.keyboard.press('F7');
  await page.getByRole('button', { name: 'Add campaign' }).click();
  const campaign = page.getByRole('group', { name: 'Campaign 1' });
  await campaign.getByLabel('Name').fill('迎新九折');
  await page.getByLabel('Welcome coupon').selectOption({ label: '迎新九折' });
  await page.getByRole('button', { name: 'Add promotion' }).click();
  await page.getByRole('group', { name: 'Promotion 1' }).getByLabel('Name').fill('週末雙倍');
  await page.getByRole('group', { name: 'Promotion 1' }).getByLabel('Sat').check();
  await page.getByRole('button', { name: 'Add product or category' }).click();
  await page.getByLabel('Product code or category, row 1').fill('茶葉');
  await page.getByLabel('Return window (days)').fill('7');
  await saveProgram(page);
  await enrollMember(page, { name: '李小龍', phone: '6123 4567' });

  await page.keyboard.press('F8');
  await page.getByRole('button', { name: '繁體中文' }).click();
  await expect(page.getByRole('heading', { name: '設定' })).toBeVisible();

  await page.keyboard.press('F7');
  await expect(page.getByRole('heading', { name: '會員計劃' })).toBeVisible();
  await expect(page.getByTestId('program-preview')).toContainText('金 Gold 會員消費');
  await page.getByLabel('等級 2 的門檻').fill('abc');
  await expect(page.getByText('請輸入金額，例如 12.50。')).toBeVisible();
  await shot('01-program-zh-Hant');
  await page.getByRole('button', { name: '放棄更改' }).click();

  await page.keyboard.press('F3');
  await page.getByLabel('電話、卡號或姓名').fill('6123');
  await page.getByRole('list', { name: '符合的會員' }).getByRole('button').first().click();
  await expect(page.getByTestId('coupon-state')).toHaveText('可使用');
  await shot('02-member-zh-Hant');

  await page.getByRole('button', { name: '為此會員開始銷售' }).click();
  await page.getByLabel('貨品編號').fill('T-001');
  await page.getByLabel('類別').fill('茶葉');
  await page.getByLabel('價錢（HKD）').fill('300');
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: '出售禮品卡' }).click();
  await page.getByLabel('禮品卡金額（HKD）').fill('200');
  await page.getByRole('button', { name: '加入禮品卡' }).click();
  await page.getByRole('button', { name: '使用優惠券 迎新九折' }).click();
  await expect(page.getByTestId('sale-coupon-discount')).toHaveText('-HK$30.00');
  await shot('03-sale-zh-Hant');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-points-pending')).toBeVisible();
  await shot('04-receipt-zh-Hant');
  const code = (
    await page.getByTestId('receipt-gift-card-sold').locator('figcaption').innerText()
  ).trim();
  await page.getByRole('button', { name: '退款' }).click();
  await page.getByLabel('選定的貨品').check();
  await shot('05-refund-zh-Hant');

  await page.keyboard.press('F10');
  await page.getByLabel('禮品卡號碼').fill(code);
  await page.getByRole('button', { name: '查詢餘額' }).click();
  await expect(page.getByTestId('gift-card-balance')).toHaveText('HK$200.00');
  await shot('06-gift-card-zh-Hant');

  // The points wait out the 7-day return window: pending on the member, marked in the history.
  await page.keyboard.press('F3');
  await page.getByLabel('電話、卡號或姓名').fill('6123');
  await page.getByRole('list', { name: '符合的會員' }).getByRole('button').first().click();
  await expect(page.getByTestId('loyalty-pending')).toHaveText('540 分');
  await expect(page.getByTestId('entry-pending')).toContainText('待生效');
  await expect(page.getByTestId('coupon-state')).toHaveText('已使用');
  await shot('07-member-pending-zh-Hant');
});
