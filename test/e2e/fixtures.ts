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

/** Starts the built browser host (out/main/host.js) on a fresh data directory. */
export async function startTerminal(): Promise<RunningTerminal> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-e2e-'));
  const child = spawn(process.execPath, ['out/main/host.js'], {
    env: { ...process.env, LOYALTY_DATA_DIR: dataDir, LOYALTY_PORT: '0', LOYALTY_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${output}`)), 15_000);
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
export async function setUpTerminal(page: Page, terminal: RunningTerminal): Promise<void> {
  await page.goto(terminal.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Shop name').fill('Mong Kok Flagship');
  await page.getByLabel('Terminal name').fill('Till 1');
  await page.getByLabel('Currency').selectOption('HKD');
  await page.getByLabel('Phone numbers are from').selectOption('HK');
  await page.getByLabel('Time zone').selectOption('Asia/Hong_Kong');
  await page.getByLabel('Manager name').fill('May Chan');
  await page.getByLabel('Manager PIN').fill('2468');
  await page.getByRole('button', { name: 'Start selling' }).click();
  await expect(page.getByRole('heading', { name: 'New sale' })).toBeVisible();
}
