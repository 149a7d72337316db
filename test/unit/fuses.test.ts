import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseV1Options } from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  FUSE_OFF,
  FUSE_ON,
  applyFuses,
  describeFuses,
  developmentFuses,
  productionFuses,
} from '../../scripts/fuses.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** What @electron/fuses looks for in the binary; the wire follows it. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = 8;

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-fuses-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A file laid out as Electron's binary is around its fuse wire: code, the sentinel, the wire's
 * version and length, one byte per fuse, more code. Every fuse starts on, as Electron ships.
 */
function fakeElectron(options: { version?: number; sentinel?: boolean } = {}): string {
  const file = path.join(dir, 'electron');
  const code = Buffer.from('\x7fELF fake electron code '.repeat(40));
  const wire = Buffer.from([options.version ?? 1, FUSES, ...Array<number>(FUSES).fill(FUSE_ON)]);
  const parts =
    options.sentinel === false ? [code, code] : [code, Buffer.from(SENTINEL), wire, code];
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

/** The fuse bytes in a fake binary, by fuse name. */
function wireOf(file: string): Record<string, boolean> {
  const bytes = readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
  return Object.fromEntries(
    Array.from({ length: FUSES }, (_, i) => [FuseV1Options[i], bytes[at + i] === FUSE_ON]),
  );
}

describe('the fuse sets', () => {
  it('ship with Node, its options and its inspector shut, cookies encrypted and the asar checked', () => {
    expect(describeFuses(productionFuses)).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('differ in development only where an unpacked app and the smoke test need them to', () => {
    const production = describeFuses(productionFuses);
    const development = describeFuses(developmentFuses);
    const differing = Object.keys(production).filter((k) => production[k] !== development[k]);
    expect(differing.sort()).toEqual([
      'EnableEmbeddedAsarIntegrityValidation',
      'EnableNodeCliInspectArguments',
      'OnlyLoadAppFromAsar',
    ]);
    expect(development.RunAsNode).toBe(false);
    expect(development.EnableNodeOptionsEnvironmentVariable).toBe(false);
  });
});

describe('applyFuses', () => {
  it('flips the wire in the binary to the set, and leaves every other byte alone', async () => {
    const file = fakeElectron();
    const before = readFileSync(file);
    const { changed } = await applyFuses(file, productionFuses);
    expect(changed.sort()).toEqual(
      [
        'RunAsNode',
        'EnableNodeOptionsEnvironmentVariable',
        'EnableNodeCliInspectArguments',
        'LoadBrowserProcessSpecificV8Snapshot',
        'GrantFileProtocolExtraPrivileges',
      ].sort(),
    );
    expect(wireOf(file)).toEqual(describeFuses(productionFuses));
    const after = readFileSync(file);
    const at = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(after.subarray(0, at)).toEqual(before.subarray(0, at));
    expect(after.subarray(at + FUSES)).toEqual(before.subarray(at + FUSES));
  });

  it('changes nothing when the fuses are already set', async () => {
    const file = fakeElectron();
    await applyFuses(file, developmentFuses);
    const set = readFileSync(file);
    expect((await applyFuses(file, developmentFuses)).changed).toEqual([]);
    expect(readFileSync(file)).toEqual(set);
    expect(wireOf(file).EnableNodeCliInspectArguments).toBe(true);
    expect(wireOf(file).RunAsNode).toBe(false);
  });

  it('refuses a file with no fuse wire, or a wire of another version', async () => {
    await expect(applyFuses(fakeElectron({ sentinel: false }), productionFuses)).rejects.toThrow(
      /sentinel/,
    );
    await expect(applyFuses(fakeElectron({ version: 2 }), productionFuses)).rejects.toThrow(
      /version/,
    );
  });

  it('turns a fuse that was off back on when the set says so', async () => {
    const file = fakeElectron();
    await applyFuses(file, productionFuses);
    expect(wireOf(file).OnlyLoadAppFromAsar).toBe(true);
    const bytes = readFileSync(file);
    bytes[bytes.indexOf(SENTINEL) + SENTINEL.length + 2 + FuseV1Options.RunAsNode] = FUSE_ON;
    writeFileSync(file, bytes);
    expect((await applyFuses(file, productionFuses)).changed).toEqual(['RunAsNode']);
    expect(wireOf(file).RunAsNode).toBe(false);
    expect(FUSE_OFF).not.toBe(FUSE_ON);
  });
});

describe('the scripts', () => {
  it('`npm run fuses -- <binary>` sets the shipped set on a packaged binary', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.fuses).toBe('node scripts/fuses.mjs');
    const file = fakeElectron();
    const run = spawnSync(process.execPath, ['scripts/fuses.mjs', file], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(wireOf(file)).toEqual(describeFuses(productionFuses));
    const usage = spawnSync(process.execPath, ['scripts/fuses.mjs'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(usage.status).toBe(2);
  });

  it('`npm start` sets the fuses before any other work, and stops on a binary without them', () => {
    const file = fakeElectron({ sentinel: false });
    const result = spawnSync(process.execPath, ['scripts/start-electron.mjs'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, LOYALTY_ELECTRON_PATH: file },
    });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status).toBe(1);
    expect(output).toContain(`Could not set the fuses of the Electron binary at ${file}`);
    expect(output).toContain('LOYALTY_SKIP_FUSES=1');
    expect(output).not.toContain('Preparing better-sqlite3');
    expect(output).not.toContain('electron-vite');
  });
});
