import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts/start-electron.mjs');

describe('npm start without the Electron binary', () => {
  it('says plainly what is missing and points at the browser host', () => {
    const result = spawnSync(process.execPath, [script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, LOYALTY_ELECTRON_PATH: path.join(root, 'no-such-dir', 'electron') },
    });
    const output = `${result.stdout}${result.stderr}`;

    expect(result.status).toBe(1);
    expect(output).toContain('The Electron app binary is not installed on this machine.');
    expect(output).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
    expect(output).toContain('npm run start:web');
    // It stops before doing any work: no native build, no bundling.
    expect(output).not.toContain('Preparing better-sqlite3');
    expect(output).not.toContain('electron-vite');
  });
});
