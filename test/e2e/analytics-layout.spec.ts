import type { Locator, Page } from '@playwright/test';
import {
  test,
  expect,
  enrollMember,
  ringUp,
  saveProgram,
  setUpTerminal,
  openFromMenu,
} from './fixtures';

/** How many lines the text of each element takes on screen: the line boxes of its text. */
async function linesOf(locator: Locator): Promise<number[]> {
  return locator.evaluateAll((elements) =>
    elements.map((element) => {
      const tops = new Set<number>();
      const page = element.ownerDocument;
      // 4: NodeFilter.SHOW_TEXT (this file is type-checked without the DOM's globals).
      const walker = page.createTreeWalker(element, 4);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const range = page.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
      }
      return tops.size;
    }),
  );
}

async function sell(page: Page, price: string, phone: string) {
  await page.keyboard.press('F2');
  await page.getByLabel('Attach member').fill(phone);
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  await expect(page.getByTestId('sale-member-balance')).toBeVisible();
  await ringUp(page, price);
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-paid')).toBeVisible();
}

test('analytics: campaigns by name, charts with axes, tables that fit, headings on one line, dates the shop’s way', async ({
  page,
  terminal,
}, testInfo) => {
  test.setTimeout(120_000);
  await setUpTerminal(page, terminal, { openingFloat: '0' });
  // A welcome campaign, so the coupons chart has a campaign to name.
  await page.keyboard.press('F7');
  await page.getByRole('button', { name: 'Add campaign' }).click();
  const campaign = page.getByRole('group', { name: 'Campaign 1' });
  await campaign.getByLabel('Name').fill('Welcome HK$20 off');
  await campaign.getByLabel('Gives').selectOption({ label: 'Amount off' });
  await campaign.getByLabel('Amount off (HKD)').fill('20');
  await page.getByLabel('Welcome coupon').selectOption({ label: 'Welcome HK$20 off' });
  await saveProgram(page);
  await enrollMember(page, { name: 'Wong Siu Ming Christopher Alexander', phone: '9123 4567' });
  await enrollMember(page, { name: 'Ben Lee', phone: '6123 4567' });
  await sell(page, '1234567.89', '9123');
  await sell(page, '50', '6123');

  await openFromMenu(page, 'Analytics');
  const coupons = page.getByRole('figure', { name: 'Coupon redemption by campaign' });
  await expect(coupons.getByRole('img')).toBeVisible();
  await coupons.getByRole('button', { name: 'Show the figures' }).click();
  await expect(coupons.getByRole('table')).toContainText('Welcome HK$20 off');
  await expect(coupons).not.toContainText('campaign-');

  // Every bar and line chart has a value axis with its ticks.
  for (const name of ['Active members', 'Points liability']) {
    const ticks = page.getByRole('figure', { name }).locator('svg .chart-tick');
    expect(await ticks.count(), name).toBeGreaterThanOrEqual(2);
  }

  // The period is typed and shown the shop’s way (day first in Hong Kong), never the browser’s.
  const from = page.getByLabel('From');
  await expect(from).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
  await from.fill('01/01/2026');
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(from).toHaveValue('01/01/2026');

  for (const [width, height] of [
    [1024, 768],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({
      path: testInfo.outputPath(`analytics-en-${width}.png`),
      fullPage: true,
    });
    const top = page.getByRole('region', { name: 'Top members' });
    const fits = await top.evaluate((section) => section.scrollWidth <= section.clientWidth + 1);
    expect.soft(fits, `top members fit at ${width}`).toBe(true);
  }

  // In 繁體中文 no heading breaks a character to a line.
  await page.keyboard.press('F8');
  await page.getByRole('button', { name: '繁體中文' }).click();
  await page.getByRole('button', { name: '選單' }).click();
  await page.getByRole('menuitem', { name: '分析', exact: true }).click();
  await expect(page.getByLabel('由')).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);
  for (const [width, height] of [
    [1024, 768],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    const headings = page.locator('.analytics th, .analytics .chart-title, .analytics dt');
    await expect(headings.first()).toBeVisible();
    const lines = await linesOf(headings);
    const texts = await headings.allInnerTexts();
    const broken = texts.filter((text, i) => (lines[i] ?? 0) > 1 && [...text.trim()].length <= 8);
    expect.soft(broken, `headings broken at ${width}`).toEqual([]);
    await page.screenshot({
      path: testInfo.outputPath(`analytics-zh-Hant-${width}.png`),
      fullPage: true,
    });
  }
});
