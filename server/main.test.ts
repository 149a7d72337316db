import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

interface Run {
  /** The exit code, or null when it started listening (and was stopped). */
  code: number | null;
  output: string;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `npm run server` as a child process, until it exits or says it is listening. */
function runHeadOffice(env: Record<string, string>): Promise<Run> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ho-main-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      HEAD_OFFICE_DATA_DIR: dataDir,
      HEAD_OFFICE_PORT: '0',
      HEAD_OFFICE_HOST: '127.0.0.1',
      LOYALTY_LOG: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/Head office listening on/.test(output)) {
        child.kill('SIGTERM');
        child.once('exit', () => resolve({ code: null, output }));
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('npm run server', () => {
  it('refuses to start with an admin token under 32 characters, saying so', async () => {
    const run = await runHeadOffice({ HEAD_OFFICE_ADMIN_TOKEN: 'only-twenty-four-chars!!' });
    expect(run.code).toBe(1);
    expect(run.output).toContain('HEAD_OFFICE_ADMIN_TOKEN is 24 characters');
    expect(run.output).toContain('at least 32');
    // The token itself is never repeated back.
    expect(run.output).not.toContain('only-twenty-four-chars!!');
  }, 120_000);
});
