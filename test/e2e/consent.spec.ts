import { test, expect, setUpTerminal } from './fixtures';

/**
 * Consent at the counter (issue 14 §1): enrollment asks each purpose in head office's wording
 * with one answer per channel and nothing ticked; what was not asked stays "not asked"; the
 * member screen withdraws an answer in one step.
 */
test('enroll with SMS offers agreed and email declined, then withdraw SMS in one step', async ({
  page,
  terminal,
}) => {
  await setUpTerminal(page, terminal);
  await page.keyboard.press('F4');
  const answers = page.getByTestId('consent-answers');
  await expect(answers).toContainText('May we send you offers and news about our shops?');
  await expect(answers.getByRole('radio', { checked: true })).toHaveCount(0);

  await page.getByLabel('Name').fill('Amy Chan');
  await page.getByLabel('Phone').fill('9123 4567');
  await page.getByLabel('SMS, Offers: agrees', { exact: true }).check();
  await page.getByLabel('Email, Offers: declines', { exact: true }).check();
  for (const [width, height] of [
    [1024, 768],
    [1280, 800],
  ] as const) {
    await page.setViewportSize({ width, height });
    await answers.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/consent-enroll-${width}.png` });
  }
  await page.getByRole('button', { name: 'Enroll', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Amy Chan' })).toBeVisible();

  await expect(page.getByTestId('consent-sms-marketing')).toContainText('Agreed');
  await expect(page.getByTestId('consent-email-marketing')).toContainText('Declined');
  await expect(page.getByTestId('consent-post-birthday')).toContainText('Not asked');
  await expect(page.getByTestId('member-consent')).toContainText('Agreed');

  await page.getByRole('button', { name: 'Withdraw SMS, Offers', exact: true }).click();
  await expect(page.getByTestId('consent-sms-marketing')).toContainText('Declined');
  await expect(page.getByTestId('member-consent-ledger').getByRole('status')).toContainText(
    'SMS, Offers: withdrawn.',
  );
  await expect(page.getByTestId('member-consent')).toContainText('Not agreed');
  await page.getByText('Consent history').click();
  await expect(page.getByTestId('member-consent-ledger').getByRole('listitem')).toHaveCount(3);
  await page.screenshot({ path: 'test-results/consent-member-1280.png', fullPage: true });
});
