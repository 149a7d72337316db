import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface RunningTerminal {
  url: string;
  dataDir: string;
  process: ChildProcess;
}

/** Starts the built browser host (out/main/host.js) on a fresh data directory, or on `dataDir`. */
export async function startTerminal(
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-e2e-')),
): Promise<RunningTerminal> {
  const child = spawn(process.execPath, ['out/main/host.js'], {
    env: { ...process.env, LOYALTY_DATA_DIR: dataDir, LOYALTY_PORT: '0', LOYALTY_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Terminal ready at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)));
  });
  return { url, dataDir, process: child };
}

export async function stopTerminal(terminal: RunningTerminal): Promise<void> {
  if (terminal.process.exitCode === null) {
    const exited = new Promise((resolve) => terminal.process.once('exit', resolve));
    terminal.process.kill('SIGTERM');
    await exited;
  }
  rmSync(terminal.dataDir, { recursive: true, force: true });
  // The host keeps the terminal's key beside its data folder, not in it.
  rmSync(`${terminal.dataDir}.key`, { force: true });
}

export const test = base.extend<{ terminal: RunningTerminal }>({
  // Playwright reads fixture dependencies from this destructuring; this fixture has none.
  // eslint-disable-next-line no-empty-pattern
  terminal: async ({}, use) => {
    const terminal = await startTerminal();
    await use(terminal);
    await stopTerminal(terminal);
  },
});

export { expect };

/** Completes first-run setup in English with a Hong Kong shop. */
export async function setUpTerminal(
  page: Page,
  terminal: RunningTerminal,
  {
    terminalName = 'Till 1',
    openingFloat = '500',
  }: { terminalName?: string; openingFloat?: string | null } = {},
): Promise<void> {
  await page.goto(terminal.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Shop name').fill('Mong Kok Flagship');
  await page.getByLabel('Terminal name').fill(terminalName);
  await page.getByLabel('Currency').selectOption('HKD');
  await page.getByLabel('Phone numbers are from').selectOption('HK');
  await page.getByLabel('Time zone').selectOption('Asia/Hong_Kong');
  await page.getByLabel('Manager name').fill('May Chan');
  await page.getByLabel('Manager PIN').fill('2468');
  await page.getByRole('button', { name: 'Start selling' }).click();
  // The manager who set up is signed in; nothing is sold before the shift is opened.
  if (openingFloat === null) {
    await expect(page.getByRole('heading', { name: 'Open the shift' })).toBeVisible();
  } else await openShift(page, openingFloat);
}

/** Opens the shift with a cash float (typed as the cashier would, e.g. "500"). */
export async function openShift(page: Page, float = '500'): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Open the shift' })).toBeVisible();
  await page.getByLabel('Cash float (HKD)').fill(float);
  await page.getByRole('button', { name: 'Open shift' }).click();
  await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();
}

/**
 * The member's balance as this terminal sees it, on their member page. Short timeouts: callers
 * retry until a sync has brought the member here.
 */
export async function memberBalance(page: Page, phone: string): Promise<string> {
  await page.keyboard.press('F3');
  await page.getByLabel('Phone, card number or name').fill(phone);
  await page
    .getByRole('list', { name: 'Matching members' })
    .getByRole('button')
    .first()
    .click({ timeout: 3_000 });
  return (await page.getByTestId('member-balance').innerText({ timeout: 3_000 })).trim();
}

/** Signs in from the lock or switch screen with a PIN alone. */
export async function signIn(page: Page, pin: string): Promise<void> {
  await page.getByLabel('PIN', { exact: true }).fill(pin);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Enrolls a member from the enroll screen (F4) and waits for their page. */
export async function enrollMember(
  page: Page,
  member: { name: string; phone: string; referralCode?: string; profiling?: boolean },
): Promise<void> {
  await page.keyboard.press('F4');
  await page.getByLabel('Name').fill(member.name);
  await page.getByLabel('Phone').fill(member.phone);
  if (member.referralCode) await page.getByLabel('Referral code').fill(member.referralCode);
  await page.getByLabel('SMS, Offers: agrees', { exact: true }).check();
  // Offers chosen from purchases: without it a member is left out of analytics' member lists.
  if (member.profiling) {
    await page
      .getByLabel('SMS, Offers chosen from their purchases: agrees', { exact: true })
      .check();
  }
  await page.getByRole('button', { name: 'Enroll', exact: true }).click();
  await expect(page.getByRole('heading', { name: member.name })).toBeVisible();
}

/** Saves the program screen's edits with the manager PIN that setUpTerminal chose. */
export async function saveProgram(page: Page): Promise<void> {
  await page.getByLabel('Manager PIN').fill('2468');
  await page.getByRole('button', { name: 'Save program' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
}

/** Types a price on the sale screen and presses Enter, the cashier's fast path. */
export async function ringUp(page: Page, price: string, item?: string): Promise<void> {
  if (item) await page.getByLabel('Item', { exact: true }).fill(item);
  await page.getByLabel('Price (HKD)').fill(price);
  await page.keyboard.press('Enter');
}

/**
 * Opens a screen that lives behind the top bar's menu (settings, reports, analytics, complaints
 * and the manager's screens), as a cashier does: the menu button, then the item.
 */
export async function openFromMenu(page: Page, item: string): Promise<void> {
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/**
 * Pairs a customer display (a page on the terminal's /display) with the till: the till shows a
 * code on the sale screen, the display types it and greets, the till closes the code.
 */
export async function pairDisplay(till: Page, display: Page): Promise<void> {
  await till.keyboard.press('F2');
  await till.getByRole('button', { name: 'Pair customer display' }).click();
  const code = (await till.getByTestId('pairing-code').innerText()).trim();
  await display.getByLabel('Code').fill(code);
  await display.getByRole('button', { name: 'Pair', exact: true }).click();
  await expect(display.getByRole('heading', { name: 'Welcome' })).toBeVisible();
  await till.getByRole('button', { name: 'Done' }).click();
}
