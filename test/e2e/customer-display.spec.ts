import type { Page } from '@playwright/test';
import { enrollMember, expect, pairDisplay, setUpTerminal, test } from './fixtures';

/** The page's storage, as the test reads it inside the browser (this file compiles for Node). */
interface BrowserStorage {
  sessionStorage: { getItem(key: string): string | null };
  localStorage: { getItem(key: string): string | null };
}

/** Calls the terminal's API as the till does, with the launch token this tab was given. */
async function tillCall(page: Page, name: string, input: unknown): Promise<unknown> {
  return page.evaluate(
    async ([op, body]) => {
      const token =
        (globalThis as unknown as BrowserStorage).sessionStorage.getItem('loyalty.hostToken') ?? '';
      const response = await fetch(`/api/${op as string}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return (await response.json()) as unknown;
    },
    [name, input] as const,
  );
}

for (const { width, height } of [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
]) {
  test(`the customer display follows the sale and takes the closing question (${width}×${height})`, async ({
    browser,
    terminal,
  }) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const till = await context.newPage();
    await setUpTerminal(till, terminal);
    // The program asks CSAT ("How was your visit today?") after every sale.
    const program = (await tillCall(till, 'program.get', {})) as {
      value: { feedback: Record<string, unknown> };
    };
    const saved = (await tillCall(till, 'program.update', {
      managerPin: '2468',
      program: { ...program.value, feedback: { ...program.value.feedback, scale: 'csat' } },
    })) as { ok: boolean };
    expect(saved.ok).toBe(true);

    // The display is a separate browser (a tablet): it pairs with the code the till shows.
    const tablet = await browser.newContext({ viewport: { width, height } });
    const display = await tablet.newPage();
    await display.goto(`${new URL(terminal.url).origin}/display`);
    await expect(
      display.getByRole('heading', { name: 'Pair this display with the till' }),
    ).toBeVisible();
    // The tablet has no till token: it cannot reach the cashier's operations.
    const refused = await display.evaluate(async () => {
      const response = await fetch('/api/member.search', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'Chan' }),
      });
      return response.status;
    });
    expect(refused).toBe(401);

    await enrollMember(till, { name: 'Mei Chan', phone: '9123 4567' });
    await pairDisplay(till, display);

    // The paired display's token has display powers only.
    const asDisplay = await display.evaluate(async () => {
      const token =
        (globalThis as unknown as BrowserStorage).localStorage.getItem('loyalty.displayToken') ??
        '';
      const response = await fetch('/api/member.search', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'Chan' }),
      });
      return (await response.json()) as { ok: boolean; error?: { code: string } };
    });
    expect(asDisplay).toMatchObject({ ok: false, error: { code: 'display_only' } });

    // Ring a sale for the member: the display shows each line, the total and her first name.
    await till.getByLabel('Attach member').fill('9123');
    await till.getByRole('list', { name: 'Matching members' }).getByRole('button').first().click();
    await till.getByLabel('Item', { exact: true }).fill('Jasmine tea');
    await till.getByLabel('Qty').fill('2');
    await till.getByLabel('Price (HKD)').fill('125');
    await till.keyboard.press('Enter');
    await till.getByLabel('Item', { exact: true }).fill('Mooncake');
    await till.getByLabel('Price (HKD)').fill('88');
    await till.keyboard.press('Enter');
    await expect(till.getByTestId('sale-total')).toHaveText('HK$338.00');
    await expect(display.getByRole('heading', { name: 'Hello, Mei' })).toBeVisible();
    await expect(display.getByText('Jasmine tea')).toBeVisible();
    await expect(display.getByText('Mooncake')).toBeVisible();
    await expect(display.getByTestId('display-total')).toHaveText('HK$338.00');
    await expect(display.getByText('You earn 338 points today')).toBeVisible();
    const shown = await display.locator('body').innerText();
    expect(shown).not.toContain('Chan');
    expect(shown).not.toContain('9123');
    expect(shown).not.toContain('4567');
    await display.screenshot({ path: `test-results/customer-display-basket-${width}.png` });
    await till.screenshot({ path: `test-results/customer-display-till-${width}.png` });

    // Paid: the display asks how the visit was; the customer taps 3 of 5, a reason and sends.
    await till.keyboard.press('F9');
    await expect(till.getByTestId('receipt-points-earned')).toBeVisible();
    await expect(display.getByRole('heading', { name: 'How was your visit today?' })).toBeVisible();
    await display.screenshot({ path: `test-results/customer-display-question-${width}.png` });
    await display.getByRole('button', { name: 'Score 3' }).click();
    await display.getByRole('button', { name: 'Speed' }).click();
    await display
      .getByLabel('Anything else you would like to tell us? (optional)')
      .fill('Queue was long');
    await display.screenshot({ path: `test-results/customer-display-reasons-${width}.png` });
    await display.getByRole('button', { name: 'Send' }).click();
    await expect(display.getByText('Thank you for telling us!')).toBeVisible();
    await display.screenshot({ path: `test-results/customer-display-thanks-${width}.png` });

    // The answer is in the ledger, under Mei, for this sale.
    const found = (await tillCall(till, 'member.search', { query: '9123' })) as {
      value: { id: string }[];
    };
    const memberId = found.value[0]?.id;
    const voice = (await tillCall(till, 'feedback.ofMember', { memberId })) as {
      value: { recent: { scale: string; score: number; reasons: string[]; comment: string }[] };
    };
    expect(voice.value.recent[0]).toMatchObject({
      scale: 'csat',
      score: 3,
      reasons: ['speed'],
      comment: 'Queue was long',
    });

    // The next sale starts on the till: the display moves on.
    await till.getByRole('button', { name: 'Next sale' }).click();
    await till.getByLabel('Price (HKD)').fill('10');
    await till.keyboard.press('Enter');
    await expect(display.getByTestId('display-total')).toHaveText('HK$10.00');
    await expect(display.getByRole('heading', { name: 'Welcome' })).toBeVisible();
    await tablet.close();
    await context.close();
  });
}

test('the customer answers consent on the display themselves; the till sees it recorded as tapped there', async ({
  browser,
  terminal,
}) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const till = await context.newPage();
  await setUpTerminal(till, terminal);
  const tablet = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const display = await tablet.newPage();
  await display.goto(`${new URL(terminal.url).origin}/display`);
  await pairDisplay(till, display);

  await enrollMember(till, { name: 'Mei Chan', phone: '9123 4567' });
  await till.getByRole('button', { name: 'Ask on the customer display' }).click();
  await expect(till.getByText('Asked on the customer display')).toBeVisible();

  // The display asks each purpose on SMS and email, nothing chosen; Done waits for every answer.
  await expect(display.getByRole('heading', { name: 'May we contact you?' })).toBeVisible();
  const done = display.getByRole('button', { name: 'Done' });
  await expect(done).toBeDisabled();
  const purposes = [
    'Offers',
    'Offers chosen from their purchases',
    'Feedback and surveys',
    'Birthday greetings',
  ];
  for (const purpose of purposes) {
    for (const channel of ['SMS', 'Email']) {
      const answer = purpose === 'Offers' && channel === 'Email' ? 'agrees' : 'declines';
      const button = display.getByRole('button', {
        name: `${channel}, ${purpose}: ${answer}`,
        exact: true,
      });
      await expect(button).toHaveAttribute('aria-pressed', 'false');
      await button.click();
    }
  }
  await display.screenshot({
    path: 'test-results/customer-display-consent-1024.png',
    fullPage: true,
  });
  await done.click();
  await expect(display.getByText('Thank you for telling us!')).toBeVisible();

  // The till shows what now stands, and how it was given.
  await expect(till.getByText('The customer answered on the display.')).toBeVisible();
  await expect(till.getByTestId('consent-email-marketing')).toContainText('Agreed');
  await expect(till.getByTestId('consent-sms-marketing')).toContainText('Declined');
  await expect(till.getByTestId('consent-sms-birthday')).toContainText('Declined');
  await till.getByText('Consent history').click();
  await expect(
    till
      .getByTestId('member-consent-ledger')
      .getByRole('listitem')
      .filter({ hasText: 'on the customer display' }),
  ).toHaveCount(8);
  await tablet.close();
  await context.close();
});
