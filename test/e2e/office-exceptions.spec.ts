import type { Page } from '@playwright/test';
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

/** A scripted till in a store of its own that enrolls one member and pushes it. */
async function tillEnrolls(
  headOffice: RunningHeadOffice,
  storeName: string,
  member: { name: string; phoneE164: string },
): Promise<void> {
  const { codes } = await provisionStore(headOffice, storeName, 1);
  const enrolled = await fetch(`${headOffice.url}/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: codes[0], terminalName: 'Till 1', appVersion: '0.1.0' }),
  });
  expect(enrolled.status).toBe(201);
  const till = enrollResponse.parse(await enrolled.json());
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
    new TestClock(Date.now()),
  );
  script.enrollMember(member);
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

test('each exception in head office’s list says who and where, the phone masked', async ({
  browser,
}, testInfo) => {
  test.setTimeout(120_000);
  const headOffice = await startHeadOffice();
  const context = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Hong_Kong' });
  const office = await context.newPage();
  try {
    // The same phone enrolled at two stores: head office keeps the first and merges the second.
    await tillEnrolls(headOffice, 'Mong Kok', { name: '陳大文', phoneE164: '+85291234567' });
    await tillEnrolls(headOffice, 'Causeway Bay', {
      name: 'Chan Tai Man',
      phoneE164: '+85291234567',
    });

    await firstAdmin(office, headOffice);
    await office.getByRole('button', { name: 'Exceptions' }).click();
    const row = office
      .getByRole('list', { name: 'Exceptions' })
      .getByRole('button', { name: /#1 Members merged/ });
    await expect(row).toContainText('陳大文');
    await expect(row).toContainText('Chan Tai Man');
    await expect(row).toContainText('•••• 4567');
    await expect(row).toContainText('Mong Kok');
    await expect(row).toContainText('Causeway Bay');
    await expect(row).not.toContainText('9123');
    for (const [width, height] of [
      [1280, 800],
      [1024, 768],
    ] as const) {
      await office.setViewportSize({ width, height });
      await office.screenshot({ path: testInfo.outputPath(`exceptions-${width}.png`) });
    }
  } finally {
    await context.close();
    await stopHeadOffice(headOffice);
    removeHeadOffice(headOffice);
  }
});
