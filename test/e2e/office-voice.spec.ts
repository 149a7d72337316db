import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { uuidv7 } from '../../shared/ids';
import { enrollResponse } from '../../shared/sync/protocol';
import { TerminalScript, TestClock } from '../../server/testing/terminalScript';
import { expect, test } from './fixtures';
import {
  provisionStore,
  removeHeadOffice,
  startHeadOffice,
  stopHeadOffice,
  type RunningHeadOffice,
} from './headOffice';

const PASSWORD = 'a long office password';

/**
 * A till in Mong Kok pushes, through the real enroll and push routes, a member's sale, two
 * answers (a promoter and a detractor) and two complaints: the member's, in Chinese, and a
 * walk-in's about a price.
 */
async function tillPushesVoice(headOffice: RunningHeadOffice): Promise<void> {
  const { codes } = await provisionStore(headOffice, 'Mong Kok', 1);
  const enrolled = await fetch(`${headOffice.url}/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: codes[0], terminalName: 'Till 1', appVersion: '0.1.0' }),
  });
  expect(enrolled.status).toBe(201);
  const till = enrollResponse.parse(await enrolled.json());
  const clock = new TestClock(Date.now() - 3 * 3_600_000);
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
  const { memberId } = script.enrollMember({ name: '陳大文', phoneE164: '+85291234567' });
  const { saleId } = script.sale({ memberId, totalMinor: 5000, earn: 50 });
  const answer = (score: number, reasons: string[], comment: string) =>
    script.other('feedback.recorded', {
      id: uuidv7(),
      saleId,
      memberId,
      scale: 'nps',
      score,
      reasons,
      comment,
      storeId: till.storeId,
      terminalId: till.terminalId,
      staffId: script.staffId,
      at: new Date(clock.now()).toISOString(),
      hlc: script.clock.tick(),
      followUpDueAt: null,
    });
  answer(10, ['staff'], '');
  answer(3, ['speed', 'staff'], 'Slow queue');
  const complaint = (o: {
    ticket: string;
    memberId: string | null;
    category: 'service' | 'price';
    severity: 'low' | 'high';
    whatHappened: string;
  }) => {
    const at = new Date(clock.now()).toISOString();
    script.other('complaint.recorded', {
      events: [
        {
          id: uuidv7(),
          complaintId: uuidv7(),
          kind: 'opened',
          at,
          hlc: script.clock.tick(),
          origin: 'terminal',
          storeId: till.storeId,
          terminalId: till.terminalId,
          by: script.staffId,
          note: '',
          details: {
            ticket: o.ticket,
            memberId: o.memberId,
            contactName: o.memberId ? null : 'Walk-in',
            contact: null,
            consentToContact: false,
            category: o.category,
            severity: o.severity,
            saleIds: [],
            whatHappened: o.whatHappened,
            customerWants: 'An apology',
          },
          assignee: null,
          goodwill: null,
        },
      ],
    });
  };
  complaint({
    ticket: 'C1001A',
    memberId,
    category: 'service',
    severity: 'high',
    whatHappened: '收銀員態度惡劣',
  });
  complaint({
    ticket: 'C1002B',
    memberId: null,
    category: 'price',
    severity: 'low',
    whatHappened: 'The shelf price was wrong',
  });
  const pushed = await fetch(`${headOffice.url}/sync/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${till.credential}` },
    body: JSON.stringify({ ...script.batch(), outboxPending: 0 }),
  });
  expect(pushed.status).toBe(200);
  const body = (await pushed.json()) as { rejected?: unknown[] };
  expect(body.rejected ?? []).toEqual([]);
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

test('head office hears the customer: the queue filters and resolves, the dashboard and its CSV agree', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const headOffice = await startHeadOffice();
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Asia/Hong_Kong',
    acceptDownloads: true,
  });
  const office = await context.newPage();
  try {
    await tillPushesVoice(headOffice);
    await firstAdmin(office, headOffice);
    await office.getByRole('button', { name: 'Customer voice' }).click();

    const queue = office.getByRole('list', { name: 'Complaints queue' });
    await expect(queue.getByRole('button')).toHaveCount(2);
    await expect(queue.getByRole('button', { name: /C1001A/ })).toContainText('Mong Kok');

    // A Chinese fragment finds the member's complaint; a category finds the walk-in's.
    await office.getByLabel('Search complaints').fill('態度');
    await expect(queue.getByRole('button')).toHaveCount(1);
    await expect(queue.getByRole('button', { name: /C1001A/ })).toBeVisible();
    await office.getByLabel('Search complaints').fill('');
    await office.getByLabel('Category').first().selectOption({ label: 'Price' });
    await expect(queue.getByRole('button')).toHaveCount(1);
    await expect(queue.getByRole('button', { name: /C1002B/ })).toBeVisible();
    await office.getByLabel('Category').first().selectOption({ label: 'Any category' });
    await expect(queue.getByRole('button')).toHaveCount(2);

    // Assigning without a name is refused by the form; a resolution goes through.
    await queue.getByRole('button', { name: /C1001A/ }).click();
    const detail = office.getByRole('region', { name: 'Ticket C1001A' });
    await expect(detail.getByText('收銀員態度惡劣')).toBeVisible();
    await expect(detail.getByRole('list', { name: 'History' }).getByRole('listitem')).toHaveCount(
      1,
    );
    await detail.getByLabel('Next step').selectOption({ label: 'Resolve' });
    await detail.getByLabel('Note').fill('Apologised and refunded the fee');
    await detail.getByRole('button', { name: 'Save step' }).click();
    await expect(detail.getByRole('status')).toContainText('Saved');
    await expect(detail.getByRole('list', { name: 'History' })).toContainText('Resolved');
    await expect(detail.getByRole('list', { name: 'History' })).toContainText('head office');
    // A resolved complaint can be reopened, answered or assigned, not resolved again.
    await expect(detail.getByLabel('Next step').getByRole('option')).toHaveText([
      'Assign',
      'Respond',
      'Reopen',
    ]);
    // Unresolved only (the default): the resolved one has left the queue.
    await expect(queue.getByRole('button')).toHaveCount(1);
    await office.getByLabel('Status').first().selectOption({ label: 'Resolved' });
    await expect(queue.getByRole('button', { name: /C1001A/ })).toBeVisible();

    // The dashboard over the last 30 days: 1 sale, 2 answers, NPS 0, 2 complaints.
    await office.getByRole('button', { name: 'Show' }).click();
    const figures = office.getByRole('definition');
    await expect(office.locator('[data-figure="sales"] dd')).toHaveText('1');
    await expect(office.locator('[data-figure="responses"] dd')).toHaveText('2');
    await expect(office.locator('[data-figure="responseRatePercent"] dd')).toHaveText('200%');
    await expect(office.locator('[data-figure="nps"] dd')).toHaveText('0');
    await expect(office.locator('[data-figure="npsPromoters"] dd')).toHaveText('1');
    await expect(office.locator('[data-figure="npsDetractors"] dd')).toHaveText('1');
    // With NPS answers the period line gives the interval (voice-journey.spec.ts: none without).
    await expect(office.getByText(/95% interval -?\d/)).toBeVisible();
    // Its days are written the shop's way (day/month/year in English), never as ISO dates.
    await expect(office.getByText(/^\d{2}\/\d{2}\/\d{4} to \d{2}\/\d{2}\/\d{4} · /)).toBeVisible();
    await expect(office.locator('[data-figure="complaints"] dd')).toHaveText('2');
    await expect(office.locator('[data-figure="complaintsPerThousandSales"] dd')).toHaveText(
      '2,000',
    );
    await expect(figures.first()).toBeVisible();
    // The member complained and it was resolved; nobody has bought since.
    await expect(office.locator('[data-group="resolved"]')).toContainText('0 of 1 member');
    await expect(office.getByRole('table', { name: 'By cashier' })).toContainText(
      'Only 2 responses: figures show from 20',
    );
    await expect(office.getByRole('table', { name: 'Top reasons' })).toContainText('Staff');
    await expect(office.getByRole('figure', { name: 'NPS' })).toBeVisible();
    // Every answer fell in one week: one point, drawn as a dot since it makes no line.
    const npsChart = office.getByRole('figure', { name: 'NPS' });
    await expect(npsChart.locator('circle.chart-dot')).toHaveCount(1);

    const [download] = await Promise.all([
      office.waitForEvent('download'),
      office.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^voice-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = readFileSync((await download.path()) ?? '', 'utf8').split('\r\n');
    expect(csv[0]).toBe('\ufeffsection,name,value');
    expect(csv).toContain('figure,responses,2');
    expect(csv).toContain('figure,nps,0');
    expect(csv).toContain('figure,complaints,2');
    expect(csv).toContain('recovery,resolved.members,1');
    expect(csv).toContain('reason,staff,2');

    for (const [width, height] of [
      [1280, 800],
      [1024, 768],
    ] as const) {
      await office.setViewportSize({ width, height });
      await office.screenshot({ path: `/tmp/shots/voice-${width}.png`, fullPage: true });
      const overflow = await office
        .locator('html')
        .evaluate((html) => html.scrollWidth - html.clientWidth);
      expect(overflow, `no sideways scroll at ${width}`).toBeLessThanOrEqual(0);
    }

    // In 繁體中文 the page, its figures and the cashier sentence read in Chinese.
    await office.getByLabel('Language').selectOption('zh-Hant');
    await expect(office.getByRole('heading', { name: '顧客心聲' })).toBeVisible();
    await expect(office.getByRole('table', { name: '按收銀員' })).toContainText(
      '只有 2 個回應：滿 20 個才顯示數字',
    );
    await office.screenshot({ path: '/tmp/shots/voice-zh-Hant-1024.png', fullPage: true });
  } finally {
    await context.close();
    await stopHeadOffice(headOffice);
    removeHeadOffice(headOffice);
  }
});
