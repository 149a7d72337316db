import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, setUpTerminal, startTerminal, stopTerminal, test } from './fixtures';

/**
 * A ledger found empty at start (issue 11 §3): the terminal does not start as a new one. It shows
 * the recovery screen with the verified backup the manager took, restores it, says what could
 * not be recovered, and goes back to the sign-in screen on the restored ledger: whoever was
 * signed in when the backup was taken is not any more.
 */
test('an empty ledger is restored from the verified backup', async ({ page, terminal }) => {
  await setUpTerminal(page, terminal);
  await page.keyboard.press('F8');
  await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible();
  await expect(page.getByTestId('backup-newest')).toHaveText('No verified backup yet.');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByTestId('backup-newest')).toContainText('Newest verified backup', {
    timeout: 30_000,
  });
  await page.screenshot({ path: 'test-results/recovery-1-backed-up.png' });

  const exited = new Promise((resolve) => terminal.process.once('exit', resolve));
  terminal.process.kill('SIGTERM');
  await exited;
  writeFileSync(path.join(terminal.dataDir, 'ledger.sqlite3'), Buffer.alloc(0));

  const restarted = await startTerminal(terminal.dataDir);
  try {
    await page.goto(restarted.url);
    await expect(page.getByRole('heading', { name: 'The ledger cannot be used' })).toBeVisible();
    await expect(page.getByText("This terminal's ledger file is empty.")).toBeVisible();
    await page.screenshot({ path: 'test-results/recovery-2-screen.png' });
    await page.getByRole('button', { name: 'Restore this backup' }).click();
    await expect(page.getByRole('heading', { name: 'Ledger restored' })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByText('This terminal is not connected to head office')).toBeVisible();
    await page.screenshot({ path: 'test-results/recovery-3-restored.png' });
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  } finally {
    await stopTerminal(restarted);
    rmSync(`${terminal.dataDir}.key`, { force: true });
  }
});
