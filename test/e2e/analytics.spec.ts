import type { Page } from '@playwright/test';
import { test, expect, enrollMember, ringUp, setUpTerminal, openFromMenu } from './fixtures';

/** A sale from the sale screen: the member by phone (or none), one price, F9, next sale. */
async function sell(page: Page, price: string, phone?: string) {
  await page.keyboard.press('F2');
  if (phone) {
    await page.getByLabel('Attach member').fill(phone);
    await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
    await expect(page.getByTestId('sale-member-balance')).toBeVisible();
  }
  await ringUp(page, price);
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-paid')).toBeVisible();
  await page.getByRole('button', { name: 'Next sale' }).click();
}

test('the manager sees the loyalty charts with the right figures and drills into a segment', async ({
  page,
  terminal,
}, testInfo) => {
  const shot = (name: string) =>
    page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
  await setUpTerminal(page, terminal, { openingFloat: '0' });
  await enrollMember(page, { name: 'Amy Chan', phone: '9123 4567', profiling: true });
  await enrollMember(page, { name: 'Ben Lee', phone: '6123 4567' });

  // Amy buys twice (HK$100, HK$300), Ben once (HK$50), a walk-in once (HK$30).
  await sell(page, '100', '9123');
  await sell(page, '300', '9123');
  await sell(page, '50', '6123');
  await sell(page, '30');

  await openFromMenu(page, 'Analytics');
  await expect(page.getByRole('heading', { name: 'Loyalty analytics' })).toBeVisible();
  // 1 of 2 buying members bought twice = 50.00 %.
  await expect(page.getByTestId('repeat-rate')).toContainText('50.00%');
  // Members: (100 + 300 + 50) / 3 sales = HK$150.00; the walk-in's HK$30.00.
  await expect(page.getByTestId('ticket-members')).toContainText('HK$150.00');
  await expect(page.getByTestId('ticket-non-members')).toContainText('HK$30.00');
  // Top 20 % of 2 buyers = 1 member (Amy): 400 of 450 = 88.89 %.
  await expect(page.getByTestId('top-share')).toContainText('88.89%');
  // Every chart is a picture with a name, and its figures as a table on request.
  await expect(
    page.getByRole('img', { name: /Members who bought in the last 30 days: 2/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: /Points outstanding .* 450 points worth HK\$22\.50/ }),
  ).toBeVisible();
  await shot('01-analytics');

  const active = page.getByRole('figure', { name: 'Active members' });
  await active.getByRole('button', { name: 'Show the figures' }).click();
  await expect(active.getByRole('table')).toContainText('Last 365 days');
  await expect(active.getByRole('row', { name: /Last 30 days/ })).toContainText('2');

  // RFM over 2 buyers who both bought today: R = 5 for both (they tie on the best recency).
  // Frequency and spend count from the worst: Ben has the fewest purchases and least spend, 1 and
  // 1 (a new customer); Amy ranks 2 of 2 on both (1 + floor(5 × 1 ÷ 2) = 3): 5 · 3 · 3, a
  // potential loyalist.
  await expect(
    page.getByRole('button', { name: 'New customers (1): show the members' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Potential loyalists (1): show the members' }).click();
  const segment = page.getByRole('region', { name: 'Potential loyalists (1)' });
  await expect(segment).toBeVisible();
  await expect(segment.getByRole('row', { name: /Amy/ })).toContainText('5 · 3 · 3');
  await expect(segment.getByRole('row', { name: /Amy/ })).toContainText('HK$400.00');
  await shot('02-segment-members');
  await segment.getByRole('button', { name: 'Amy', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Amy Chan' })).toBeVisible();
  await shot('03-member-detail');

  // Back on analytics, a tier with no members shows dashes, not errors.
  await openFromMenu(page, 'Analytics');
  await page.getByLabel('Tier').selectOption({ label: '金 Gold' });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByTestId('repeat-rate')).toContainText('—');
  await expect(page.getByTestId('ticket-non-members')).toContainText('HK$30.00');
  await shot('04-gold-tier');
});
