import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../shared/logger';
import { FREE_TEXT, REDACTED, openLogFile, type LogFile } from './logFile';

const dirs: string[] = [];
let open: LogFile | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the log file', () => {
  it('writes safe JSON lines to a dated, numbered file it creates, and stops on close', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'log-file-'));
    dirs.push(dir);
    open = await openLogFile({ dir: path.join(dir, 'logs'), name: 'terminal' });
    const log = createLogger('file-test', { level: () => 'debug' });
    log.debug('a debug line');
    log.info('member enrolled', {
      member: { name: 'Chan Tai Man', phone: '9123 4567', email: 'tm@example.hk' },
      note: 'likes oolong',
      seq: 3,
    });
    await open.flush();
    expect(open.dir).toBe(path.join(dir, 'logs'));
    const files = fs.readdirSync(path.join(dir, 'logs'));
    expect(files).toEqual([expect.stringMatching(/^terminal\.\d{4}-\d{2}-\d{2}\.1\.log$/)]);
    const file = path.join(dir, 'logs', files[0] ?? '');
    await open.close();
    open = undefined;
    log.info('after close: not in the file');
    const lines = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'debug', name: 'file-test', msg: 'a debug line' });
    expect(lines[1]).toMatchObject({
      level: 'info',
      msg: 'member enrolled',
      data: {
        member: { name: REDACTED, phone: REDACTED, email: REDACTED },
        note: FREE_TEXT,
        seq: 3,
      },
    });
    expect(lines[1]).not.toHaveProperty('hostname');
  });
});
