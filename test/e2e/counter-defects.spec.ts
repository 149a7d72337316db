import type { Page } from '@playwright/test';
import { test, expect, enrollMember, ringUp, saveProgram, setUpTerminal } from './fixtures';

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
  await page.getByLabel('SMS, Offers: agrees', { exact: true }).check();
  await page.getByRole('button', { name: 'Enroll', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('already enrolled');

  // ...but F4 is the next customer: nothing of the last one is kept, least of all consent.
  await page.keyboard.press('F4');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByLabel('Name')).toHaveValue('');
  await expect(page.getByLabel('Phone')).toHaveValue('');
  await expect(page.getByLabel('SMS, Offers: agrees', { exact: true })).not.toBeChecked();
  await expect(page.getByLabel('SMS, Offers: declines', { exact: true })).not.toBeChecked();
  await expect(page.getByLabel('Name')).toBeFocused();

  // Clicking Enroll in the top bar is a visit too.
  await page.getByLabel('Name').fill('Ben Lee');
  await page.getByLabel('SMS, Offers: declines', { exact: true }).check();
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Enroll/ })
    .click();
  await expect(page.getByLabel('Name')).toHaveValue('');
  await expect(page.getByLabel('SMS, Offers: declines', { exact: true })).not.toBeChecked();
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
  await page
    .getByRole('button', { name: /^Remove / })
    .first()
    .click();
  await expect(page.getByTestId('sale-total')).toHaveText('HK$8.00');
  await expect(price).toBeFocused();
  await page.keyboard.type('5');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$13.00');
});

test('a sale reopened from Sales (F6) is shown as a past sale: no change to give, no "Next sale"', async ({
  page,
  terminal,
}, testInfo) => {
  await setUpTerminal(page, terminal);
  await ringUp(page, '154.50');
  await page.getByTestId('cash-received').fill('200');
  await page.keyboard.press('F9');
  // Just rung up: the drawer is open, the change is the cashier's next move.
  await expect(page.getByTestId('change-banner')).toHaveText('Give change: HK$45.50');
  await expect(page.getByTestId('past-sale')).toHaveCount(0);
  await page.getByRole('button', { name: 'Next sale' }).click();

  await page.keyboard.press('F6');
  await page.getByRole('table', { name: 'Recent sales' }).getByRole('button').first().click();
  await expect(page.getByTestId('receipt-change')).toHaveText('HK$45.50');
  await expect(page.getByTestId('change-banner')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Next sale' })).toHaveCount(0);
  await expect(page.getByTestId('past-sale')).toContainText('Past sale, rung up');
  await expect(page.getByRole('button', { name: 'Reprint receipt' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('past-sale-1280.png') });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: testInfo.outputPath('past-sale-1024.png') });
  await page.getByRole('button', { name: 'Back to recent sales' }).click();
  await expect(page.getByRole('heading', { name: 'Recent sales' })).toBeVisible();
});

test('a sale paid by gift card and cash says both; a receipt paid wholly by gift card says so; the points balance has a label', async ({
  page,
  terminal,
}, testInfo) => {
  await setUpTerminal(page, terminal);
  await enrollMember(page, { name: 'Amy Chan', phone: '9123 4567' });
  await page.keyboard.press('F2');
  await page.getByRole('button', { name: 'Sell gift card' }).click();
  await page.getByLabel('Gift card amount (HKD)').fill('500');
  await page.getByRole('button', { name: 'Add gift card' }).click();
  await page.keyboard.press('F9');
  const sold = page.getByTestId('receipt-gift-card-sold');
  const code = (await sold.locator('figcaption').innerText()).trim();

  const payByCard = async (amount: string) => {
    await page.getByLabel('Gift card number').fill(code);
    await page.getByRole('button', { name: 'Check balance' }).click();
    await page.getByLabel('Amount from this card (HKD)').fill(amount);
    await page.getByRole('button', { name: 'Pay with this card' }).click();
    await expect(page.getByTestId('sale-gift-card')).toHaveText(`-HK$${amount}.00`);
  };

  // HK$350: HK$300 from the card, HK$50 in cash.
  await page.getByRole('button', { name: 'Next sale' }).click();
  await ringUp(page, '350');
  await payByCard('300');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$50.00');
  await expect(page.getByTestId('receipt-tender')).toHaveText('Gift card + Cash');

  // HK$80 for Amy, all of it from the card: nothing was paid in money, so no "Paid HK$0.00".
  await page.getByRole('button', { name: 'Next sale' }).click();
  await page.getByLabel('Attach member').fill('9123');
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  await ringUp(page, '80');
  await payByCard('80');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-gift-card')).toHaveText('-HK$80.00');
  await expect(page.getByTestId('receipt-paid')).toHaveCount(0);
  await expect(page.getByTestId('receipt-tender')).toHaveText('Gift card');
  await expect(page.getByTestId('receipt-balance-line')).toHaveText(/^Points balance\s*0 points$/);
  await page.screenshot({ path: testInfo.outputPath('receipt-gift-card-only.png') });

  // The sales list, newest first: each sale by every tender that paid it.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('sale-tender')).toHaveText([
    'Gift card',
    'Gift card HK$300.00 + Cash HK$50.00',
    'Cash',
  ]);
  await page.screenshot({ path: testInfo.outputPath('sales-tenders-1280.png') });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: testInfo.outputPath('sales-tenders-1024.png') });
});

test('an item rung up without a name is named in the language on screen, not the one it was sold in', async ({
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);
  const item = page.locator('table.lines tbody tr td').first();
  const printed = page.locator('.receipt-lines td').first();
  await page.keyboard.press('F8');
  await page.getByRole('button', { name: '繁體中文' }).click();
  await page.keyboard.press('F2');
  await page.getByLabel('價錢（HKD）').fill('20');
  await page.keyboard.press('Enter');
  await expect(item).toHaveText('貨品');
  // The language changes with the sale still open: its line follows.
  await page.keyboard.press('F8');
  await page.getByRole('button', { name: 'English' }).click();
  await page.keyboard.press('F2');
  await expect(item).toHaveText('Goods');
  await page.keyboard.press('F9');
  await expect(printed).toHaveText('Goods');

  // Reprinted in 简体中文, the same sale says 商品.
  await page.keyboard.press('F8');
  await page.getByRole('button', { name: '简体中文' }).click();
  await page.keyboard.press('F6');
  await page.getByRole('table', { name: '最近销售' }).getByRole('button').first().click();
  await expect(printed).toHaveText('商品');
});

test('a card number typed as printed finds the member, on the sale and in Find member; no match is said', async ({
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);
  await enrollMember(page, { name: 'Amy Chan', phone: '9123 4567' });
  const printed = (await page.locator('.card-number').innerText()).trim();
  expect(printed).toMatch(/^2 \d{5} \d{6} \d$/);

  // On the sale, as printed on the card: Amy is found and attached.
  await page.keyboard.press('F2');
  const attach = page.getByLabel('Attach member');
  const matches = page.getByRole('list', { name: 'Matching members' });
  await attach.fill(printed);
  await matches.getByRole('button', { name: /Amy/ }).click();
  await expect(page.getByTestId('sale-member-balance')).toBeVisible();
  await page.getByRole('button', { name: 'Remove member' }).click();

  // Nobody by that name, and a card number with a typo: both said, never silence.
  const sale = page.getByRole('region', { name: 'Member' });
  await attach.fill('Nobody Here');
  await expect(sale.getByText('No member matches.')).toBeVisible();
  const typo = `${printed.slice(0, -1)}${(Number(printed.slice(-1)) + 1) % 10}`;
  await attach.fill(typo);
  await expect(sale.getByText('No member matches.')).toBeVisible();
  await expect(matches).toHaveCount(0);

  // Find member (F3), with dashes between the groups.
  await page.keyboard.press('F3');
  await page.getByLabel('Phone, card number or name').fill(printed.replace(/ /g, '-'));
  await expect(matches.getByRole('button')).toHaveCount(1);
  await expect(matches).toContainText('Amy');
});

/** Sets the program's earn rate (points per HK$1) on the program screen and saves it. */
async function setEarnRate(page: Page, points: string) {
  const rate = page
    .getByRole('region', { name: 'Earning points' })
    .getByLabel('Points', { exact: true });
  // A window that has just opened may not listen for keys yet: press again until the program shows.
  await expect(async () => {
    await page.keyboard.press('F7');
    await expect(rate).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await rate.fill(points);
  await saveProgram(page);
}

test('the points an open sale will earn follow the program when it changes, here or elsewhere', async ({
  browser,
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);
  await enrollMember(page, { name: 'Amy Chan', phone: '9123 4567' });
  await page.getByRole('button', { name: 'Start a sale for this member' }).click();
  await ringUp(page, '200');
  await expect(page.getByTestId('points-to-earn')).toHaveText('+200');

  // The manager doubles the rate on this screen and comes back to the open sale.
  await setEarnRate(page, '2');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('points-to-earn')).toHaveText('+400');

  // The program changes somewhere else (another window on this terminal; head office's new
  // version arrives the same way): the open sale follows without being touched.
  const other = await browser.newPage();
  try {
    await other.goto(terminal.url);
    await setEarnRate(other, '3');
  } finally {
    await other.close();
  }
  await expect(page.getByTestId('points-to-earn')).toHaveText('+600', { timeout: 15_000 });
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-points-earned')).toHaveText('Points earned: 600');
});

test('a member’s details are edited on their own screen, consent never pre-ticked, audited', async ({
  page,
  terminal,
}, testInfo) => {
  await setUpTerminal(page, terminal);
  await enrollMember(page, { name: 'Ben Lee', phone: '9876 5432' });
  await enrollMember(page, { name: 'Amy Chan', phone: '9123 4567' });
  await expect(page.getByTestId('member-consent')).toContainText('Agreed');
  // No customer display is paired: consent is not offered there (customer-display.spec.ts).
  await expect(page.getByTestId('member-consent-ledger')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Ask on the customer display' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Edit details' }).click();
  await expect(page.getByRole('heading', { name: 'Edit Amy Chan' })).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('Amy Chan');
  // Her answer is shown, never ticked for her: the question is asked again or left alone.
  await expect(page.getByText('Their answer now: Agreed')).toBeVisible();
  await expect(page.getByLabel('Yes, they agree')).not.toBeChecked();
  await expect(page.getByLabel('No, they do not agree')).not.toBeChecked();
  await expect(page.getByLabel('Preferred language')).toHaveValue('en');
  await page.screenshot({ path: testInfo.outputPath('member-edit-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: testInfo.outputPath('member-edit-1024.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });

  // A phone another member holds is refused, naming them.
  await page.getByLabel('Phone').fill('9876 5432');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert')).toContainText('already enrolled, for Ben Lee');

  await page.getByLabel('Name').fill('Amy Wong');
  await page.getByLabel('Phone').fill('6123 4567');
  await page.getByLabel('Email (optional)').fill('amy@example.com');
  // Typed the shop's way, day first: never the browser's mm/dd/yyyy.
  await expect(page.getByLabel('Birthday (optional)')).toHaveAttribute('placeholder', 'DD/MM/YYYY');
  await page.getByLabel('Birthday (optional)').fill('31/02/1990');
  await expect(page.getByText('That is not a date. Type it as shown: DD/MM/YYYY.')).toBeVisible();
  await page.getByLabel('Birthday (optional)').fill('04/05/1990');
  await page.getByLabel('Preferred language').selectOption('zh-Hant');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { name: 'Amy Wong' })).toBeVisible();
  await expect(page.getByText('Amy Wong’s details are saved.')).toBeVisible();
  await expect(page.getByTestId('member-phone')).toHaveText('+852 6123 4567');
  await expect(page.getByTestId('member-language')).toHaveText('繁體中文');
  await expect(page.getByTestId('member-birthday')).toHaveText('4 May 1990');
  // Left unanswered, the marketing answer stayed as it was.
  await expect(page.getByTestId('member-consent')).toContainText('Agreed');

  // Found by the new phone; the next visit starts from what is saved, again unticked.
  await page.keyboard.press('F3');
  await page.getByLabel('Phone, card number or name').fill('6123 4567');
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  await page.getByRole('button', { name: 'Edit details' }).click();
  await expect(page.getByLabel('Name')).toHaveValue('Amy Wong');
  await expect(page.getByLabel('Yes, they agree')).not.toBeChecked();
  await page.getByLabel('No, they do not agree').check();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('member-consent')).toContainText('Not agreed');

  // The audit log says what changed, with no personal details in it.
  await page.keyboard.press('Shift+F6');
  const entry = page
    .getByRole('list', { name: 'Audit entries, newest first' })
    .getByRole('listitem')
    .first();
  await expect(entry).toContainText('Member details changed');
  await expect(entry).toContainText('Amy Wong');
});

test('the audit log shows only what changed in the program, with field names and money in words', async ({
  page,
  terminal,
}, testInfo) => {
  await setUpTerminal(page, terminal);
  await page.keyboard.press('F7');
  await page
    .getByRole('region', { name: 'Earning points' })
    .getByLabel('Points', { exact: true })
    .fill('2');
  await page.getByLabel('are worth (HKD)').fill('10');
  await saveProgram(page);

  await page.keyboard.press('Shift+F6');
  const entry = page
    .getByRole('list', { name: 'Audit entries, newest first' })
    .getByRole('listitem')
    .first();
  await expect(entry).toContainText('Loyalty program changed');
  const before = entry.locator('.audit-changes').filter({ hasText: 'Before' });
  const after = entry.locator('.audit-changes').filter({ hasText: 'After' });
  await expect(after.locator('dt')).toHaveText([
    'earning: points',
    'paying with points: are worth',
  ]);
  await expect(after.locator('dd')).toHaveText(['2', 'HK$10.00']);
  await expect(before.locator('dd')).toHaveText(['1', 'HK$5.00']);
  await expect(entry).not.toContainText('valueMinor');
  await expect(entry).not.toContainText('tiers');

  // The date filter is typed the shop's way: day first in Hong Kong.
  const today = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Hong_Kong',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).format(new Date());
  const from = page.getByLabel('From');
  await from.fill('13/13/2026');
  await expect(page.getByText('That is not a date. Type it as shown: DD/MM/YYYY.')).toBeVisible();
  await from.fill(today);
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(entry).toContainText('Loyalty program changed');
  await page.screenshot({ path: testInfo.outputPath('audit-program-1280.png') });
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: testInfo.outputPath('audit-program-1024.png') });
});
