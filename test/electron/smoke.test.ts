import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operationNames } from '../../shared/api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The same lookup as scripts/start-electron.mjs. require('electron') is not used because it
 * tries to download a missing binary, which is slow or hangs on a machine without internet.
 */
function findElectron(): { binary: string } | { reason: string } {
  if (process.env.LOYALTY_ELECTRON_PATH) {
    return existsSync(process.env.LOYALTY_ELECTRON_PATH)
      ? { binary: process.env.LOYALTY_ELECTRON_PATH }
      : { reason: `LOYALTY_ELECTRON_PATH (${process.env.LOYALTY_ELECTRON_PATH}) does not exist` };
  }
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron npm package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      reason:
        'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD, or no internet at install)',
    };
  }
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const binary = path.join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { binary }
    : { reason: `Electron binary not installed: ${binary} does not exist` };
}

const electron = findElectron();
if ('reason' in electron) {
  // Printed so a skipped smoke test is visible in the run, not silently green.
  console.log(`Electron smoke test skipped: ${electron.reason}`);
}

describe.skipIf('reason' in electron)('Electron app', () => {
  let binding = '';
  let dataDir = '';

  beforeAll(() => {
    // Builds the bundles and the SQLCipher driver for Electron's ABI, exactly as `npm start` does.
    const prepared = spawnSync(process.execPath, ['scripts/start-electron.mjs', '--prepare-only'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = /^LOYALTY_SQLITE_BINDING=(.+)$/m.exec(prepared.stdout ?? '');
    if (prepared.status !== 0 || !line?.[1]) {
      throw new Error(`npm start could not prepare the app (exit ${prepared.status})`);
    }
    binding = line[1];
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-electron-'));
  }, 600_000);

  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens on the setup screen with window.api wired to the core', async () => {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && name !== 'ELECTRON_RUN_AS_NODE') env[name] = value;
    }
    const app = await _electron.launch({
      executablePath: 'binary' in electron ? electron.binary : '',
      args: ['.'],
      cwd: root,
      env: { ...env, LOYALTY_DATA_DIR: dataDir, LOYALTY_SQLITE_BINDING: binding },
      timeout: 60_000,
    });
    try {
      const window = await app.firstWindow();
      await window.waitForSelector('#setup-title', { state: 'visible', timeout: 30_000 });
      expect(await window.title()).not.toBe('');

      // Strings, not functions: this project's node types have no DOM `window`.
      const keys = (await window.evaluate('Object.keys(window.api).sort()')) as string[];
      expect(keys).toEqual([...operationNames].sort());
      expect(await window.evaluate("window.api['terminal.info']({})")).toEqual({
        ok: true,
        value: null,
      });
      expect(await window.evaluate('typeof require + typeof process')).toBe('undefinedundefined');

      // Served from app://, not file://, and the shipped menu offers no DevTools.
      expect(window.url()).toBe('app://terminal/index.html');
      const roles = await app.evaluate(({ Menu }) => {
        const all: string[] = [];
        const walk = (items: Electron.MenuItem[]) => {
          for (const item of items) {
            all.push(String(item.role ?? ''));
            if (item.submenu) walk(item.submenu.items);
          }
        };
        walk(Menu.getApplicationMenu()?.items ?? []);
        return all.map((role) => role.toLowerCase());
      });
      expect(roles).not.toContain('toggledevtools');

      // The core answers from a utility process of its own, not from the main process.
      const utilities = await app.evaluate(({ app: electronApp }) =>
        electronApp
          .getAppMetrics()
          .filter((metric) => metric.type === 'Utility')
          .map((metric) => metric.serviceName ?? metric.name ?? ''),
      );
      expect(utilities).toContain('Loyalty Terminal core');
    } finally {
      await app.close();
    }
  }, 120_000);
});
