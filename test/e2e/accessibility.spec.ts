import { test, expect, enrollMember, openFromMenu, ringUp, setUpTerminal } from './fixtures';
import { expectAccessible } from './accessible';

/**
 * axe on every cashier screen as a cashier reaches it (accessible.ts): no serious or critical
 * violation.
 */
test('every cashier screen has no serious or critical accessibility violation', async ({
  page,
  browser,
  terminal,
}) => {
  test.setTimeout(360_000);
  // Before the shift: the open-shift screen.
  await setUpTerminal(page, terminal, { openingFloat: null });
  await expectAccessible(page, 'open shift');
  await page.getByLabel('Cash float (HKD)').fill('500');
  await page.getByRole('button', { name: 'Open shift' }).click();
  await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();
  await expectAccessible(page, 'empty sale');

  // Enroll (empty form), then the member's page and the edit screen.
  await page.keyboard.press('F4');
  await expect(page.getByRole('heading', { name: 'Enroll a member' })).toBeVisible();
  await expectAccessible(page, 'enroll');
  await enrollMember(page, { name: 'Mei Chan', phone: '9123 4567' });
  await expectAccessible(page, 'member');
  await page.getByRole('button', { name: 'Edit details' }).click();
  await expect(page.getByLabel('Name')).toHaveValue('Mei Chan');
  await expectAccessible(page, 'edit member');

  // Find member.
  await page.keyboard.press('F3');
  await page.getByLabel('Phone, card number or name').fill('Mei');
  await expect(page.getByRole('list', { name: 'Matching members' })).toBeVisible();
  await expectAccessible(page, 'find member');

  // The sale with a member attached, lines, points and the open menu; then the receipt.
  await page.keyboard.press('F2');
  await page.getByLabel('Attach member').fill('9123 4567');
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  await ringUp(page, '250', 'Jasmine tea');
  await ringUp(page, '38.50');
  await expect(page.getByTestId('sale-total')).toHaveText('HK$288.50');
  await page.getByRole('button', { name: 'Change the price of Goods' }).click();
  await expectAccessible(page, 'sale');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.getByRole('menu')).toBeVisible();
  await expectAccessible(page, 'sale with the menu open');
  await page.keyboard.press('Escape');
  await page.keyboard.press('F9');
  await expect(page.getByTestId('receipt-paid')).toHaveText('HK$288.50');
  await expectAccessible(page, 'receipt');

  // Sales list, gift card, reports, settings, shift, audit, staff, analytics, complaints.
  await page.keyboard.press('F6');
  await expect(page.getByRole('table', { name: 'Recent sales' })).toBeVisible();
  await expectAccessible(page, 'sales list');
  await page.keyboard.press('F10');
  await expectAccessible(page, 'gift card');
  await openFromMenu(page, 'Reports');
  await expect(page.locator('table[data-table="sales"]')).toBeVisible();
  await expectAccessible(page, 'reports');
  await page.keyboard.press('F8');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expectAccessible(page, 'settings');
  await page.keyboard.press('Shift+F2');
  await expect(page.getByRole('heading', { name: 'Close the shift' })).toBeVisible();
  await expectAccessible(page, 'shift');
  await page.keyboard.press('Shift+F6');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await expectAccessible(page, 'audit log');
  await page.keyboard.press('Shift+F8');
  await expect(page.getByRole('heading', { name: 'Staff', exact: true })).toBeVisible();
  await expectAccessible(page, 'staff');
  await openFromMenu(page, 'Analytics');
  await expectAccessible(page, 'analytics');
  await openFromMenu(page, 'Complaints');
  await expectAccessible(page, 'complaints');

  // The customer display: unpaired, then following a sale.
  const tablet = await browser.newContext();
  const display = await tablet.newPage();
  await display.goto(`${new URL(terminal.url).origin}/display`);
  await expect(
    display.getByRole('heading', { name: 'Pair this display with the till' }),
  ).toBeVisible();
  await expectAccessible(display, 'display, unpaired');
  await page.keyboard.press('F2');
  await page.getByRole('button', { name: 'Pair customer display' }).click();
  const code = (await page.getByTestId('pairing-code').innerText()).trim();
  await display.getByLabel('Code').fill(code);
  await display.getByRole('button', { name: 'Pair', exact: true }).click();
  // The sale just recorded asks its closing question; then the next sale, line by line.
  await expect(
    display.getByRole('heading', { name: 'How likely are you to recommend us?' }),
  ).toBeVisible();
  await expectAccessible(display, 'display, closing question');
  await display.getByRole('button', { name: 'No, thank you' }).click();
  await expect(
    display.getByRole('heading', { name: 'How likely are you to recommend us?' }),
  ).toHaveCount(0);
  await expectAccessible(display, 'display, after the question');
  await page.getByLabel('Attach member').fill('9123 4567');
  await page.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
  await ringUp(page, '88', 'Mooncake');
  await expect(display.getByText('Mooncake')).toBeVisible();
  await expectAccessible(display, 'display, sale');
  await tablet.close();

  // The lock (sign-in) screen.
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByLabel('PIN', { exact: true })).toBeVisible();
  await expectAccessible(page, 'sign in');
});
