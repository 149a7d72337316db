import type { Page } from '@playwright/test';
import { enrollResponse } from '../../shared/sync/protocol';
import { TerminalScript, TestClock } from '../../server/testing/terminalScript';
import { expect, test } from './fixtures';
import {
  adminCall,
  provisionStore,
  removeHeadOffice,
  startHeadOffice,
  stopHeadOffice,
  type RunningHeadOffice,
} from './headOffice';

const PASSWORD = 'a long office password';
const DAY_MS = 86_400_000;

/**
 * A till that enrolls three members and sells to them over the last months: P and Q first buy
 * the same day about ten weeks ago, P comes back five weeks later, R first buys this week.
 */
async function tillSells(headOffice: RunningHeadOffice): Promise<void> {
  const { codes } = await provisionStore(headOffice, 'Mong Kok', 1);
  const enrolled = await fetch(`${headOffice.url}/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: codes[0], terminalName: 'Till 1', appVersion: '0.1.0' }),
  });
  expect(enrolled.status).toBe(201);
  const till = enrollResponse.parse(await enrolled.json());
  const clock = new TestClock(Date.now() - 75 * DAY_MS);
  const script = new TerminalScript(
    {
      auth: {
        terminalId: till.terminalId,
        storeId: till.storeId,
        terminalNumber: till.terminalNumber,
      },
      credential: till.credential,
      storeId: till.storeId,
      storeName: till.storeName,
    },
    clock,
  );
  const p = script.enrollMember({ name: 'P', phoneE164: '+85291000001' }).memberId;
  const q = script.enrollMember({ name: 'Q', phoneE164: '+85291000002' }).memberId;
  const r = script.enrollMember({ name: 'R', phoneE164: '+85291000003' }).memberId;
  clock.ms = Date.now() - 70 * DAY_MS;
  script.sale({ memberId: p, totalMinor: 10_000 });
  script.sale({ memberId: q, totalMinor: 20_000 });
  clock.ms = Date.now() - 35 * DAY_MS;
  script.sale({ memberId: p, totalMinor: 8_000 });
  clock.ms = Date.now() - 2 * DAY_MS;
  script.sale({ memberId: r, totalMinor: 3_000 });
  const pushed = await fetch(`${headOffice.url}/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${till.credential}` },
    body: JSON.stringify({ ...script.batch(), outboxPending: 0 }),
  });
  expect(pushed.status).toBe(200);
}

async function firstAdmin(office: Page, headOffice: RunningHeadOffice): Promise<void> {
  await office.goto(`${headOffice.url}/office/`);
  await office.getByLabel('Admin token').fill(headOffice.adminToken);
  await office.getByLabel('Name').fill('Ms Lam');
  await office.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await office.getByLabel('The same password again').fill(PASSWORD);
  await office.getByRole('button', { name: 'Create and sign in' }).click();
  await expect(office.getByText('Signed in as Ms Lam')).toBeVisible();
}

test('the Metrics page draws the retention heat map, churn and repeat, and LTV', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const headOffice = await startHeadOffice();
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Hong_Kong' });
  const office = await context.newPage();
  try {
    await tillSells(headOffice);
    await firstAdmin(office, headOffice);
    await office.getByRole('button', { name: 'Metrics' }).click();

    const heatMap = office.getByTestId('retention-heat-map');
    await expect(heatMap).toBeVisible();
    // P and Q's month: everyone bought in it; each cell says so in words, not only in colour.
    const cells = office.getByTestId('retention-cell');
    await expect(cells.first()).toHaveAttribute(
      'aria-label',
      /first month: 100\.0% \(2 of 2 bought\)/,
    );
    await expect(cells.first().locator('title')).toHaveText(/100\.0%/);
    await expect(heatMap.getByText('Months since first purchase')).toBeVisible();
    await expect(heatMap.getByText('First purchase', { exact: true })).toBeVisible();
    // At least P and Q's cohort and R's, each with its month 0.
    await expect(office.getByRole('img', { name: /first month: 100\.0%/ })).toHaveCount(2);

    const churn = office.getByTestId('churn-table');
    await expect(churn.getByRole('rowheader', { name: 'All stores' })).toBeVisible();
    await expect(churn.getByRole('rowheader', { name: 'Mong Kok' })).toBeVisible();
    await expect(office.getByTestId('repeat-table')).toContainText('%');
    // Too few buyers for the model: the page says so instead of a number.
    await expect(office.getByTestId('ltv-panel')).toContainText(
      'Too few members have bought to estimate future value.',
    );
    await expect(office.getByTestId('ltv-table')).toContainText('HK$');

    for (const [width, height] of [
      [1280, 800],
      [1024, 768],
    ] as const) {
      await office.setViewportSize({ width, height });
      await office.screenshot({
        path: testInfo.outputPath(`metrics-${width}.png`),
        fullPage: true,
      });
    }
    // An admin enters the cost of a running campaign; a bad amount is refused and changes nothing.
    const segment = await adminCall<{ id: string }>(headOffice, 'POST', '/admin/segments', {
      name: 'Everyone',
      definition: {},
    });
    const day = (offset: number) =>
      new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
    const campaign = await adminCall<{ id: string }>(headOffice, 'POST', '/admin/campaigns', {
      name: 'Double week',
      segmentId: segment.id,
      variants: [
        {
          name: 'Double',
          weight: 1,
          offer: { kind: 'multiplier', percent: 200, from: day(0), to: day(6) },
        },
      ],
    });
    await adminCall(headOffice, 'POST', `/admin/campaigns/${campaign.id}/launch`);
    await office.getByRole('button', { name: 'Campaigns' }).click();
    const card = office.getByRole('region', { name: 'Double week' });
    const cost = card.getByLabel('Campaign cost (HKD)');
    await cost.fill('12 a');
    await card.getByRole('button', { name: 'Save cost' }).click();
    await expect(card.getByRole('alert')).toContainText('Enter an amount');
    await cost.fill('1200.50');
    await card.getByRole('button', { name: 'Save cost' }).click();
    await expect(card.getByRole('alert')).toHaveCount(0);
    await expect
      .poll(async () => {
        const list = await adminCall<{ campaigns: { id: string; costMinor: number | null }[] }>(
          headOffice,
          'GET',
          '/admin/campaigns',
        );
        return list.campaigns.find((c) => c.id === campaign.id)?.costMinor;
      })
      .toBe(120_050);
    await expect(card.getByRole('columnheader', { name: 'Cost per extra customer' })).toBeVisible();
    await expect(card.getByRole('columnheader', { name: 'ROI' })).toBeVisible();
    await office.screenshot({
      path: testInfo.outputPath('campaign-cost-1024.png'),
      fullPage: true,
    });

    // A new campaign's days are typed the shop's way (day/month/year here); a day that does not
    // exist is said and launches nothing.
    const form = office.getByRole('form', { name: 'New points campaign' });
    await form.getByLabel('Name', { exact: true }).fill('Typed days');
    await form.getByLabel('From').fill('31/02/2027');
    await expect(form.getByRole('alert')).toContainText('That is not a date');
    await expect(form.getByRole('button', { name: 'Launch' })).toBeDisabled();
    await form.getByLabel('From').fill('01/02/2027');
    await form.getByLabel('To').fill('28/02/2027');
    await form.getByRole('button', { name: 'Launch' }).click();
    await expect(office.getByRole('region', { name: 'Typed days' })).toBeVisible();
    const typed = (
      await adminCall<{ campaigns: { name: string; variants: { offer: unknown }[] }[] }>(
        headOffice,
        'GET',
        '/admin/campaigns',
      )
    ).campaigns.find((c) => c.name === 'Typed days');
    expect(typed?.variants[0]?.offer).toMatchObject({ from: '2027-02-01', to: '2027-02-28' });
    await office.getByRole('button', { name: 'Metrics' }).click();

    // In Traditional Chinese the cells, axes and tables speak it too.
    await office.getByLabel('Language').selectOption('zh-Hant');
    await expect(cells.first()).toHaveAttribute('aria-label', /首月：100\.0%（2 位中 2 位有消費）/);
    await expect(heatMap.getByText('首次消費後月數')).toBeVisible();
    await expect(churn.getByRole('rowheader', { name: '所有分店' })).toBeVisible();
    await office.setViewportSize({ width: 1280, height: 800 });
    await office.screenshot({ path: testInfo.outputPath('metrics-zh-Hant.png'), fullPage: true });
  } finally {
    await context.close();
    await stopHeadOffice(headOffice);
    removeHeadOffice(headOffice);
  }
});
