import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore, type TerminalCore } from '../../electron/core/core';
import type { CredentialStore } from '../../electron/core/sync/credentials';
import { enrollTerminal } from '../../electron/core/sync/enrollTerminal';
import { SyncWorker } from '../../electron/core/sync/syncWorker';
import { httpTransport } from '../../electron/core/sync/transport';
import { LOG_DIR, openLogFile, type LogFile } from '../../logging/logFile';
import type { Member } from '../../shared/domain';
import type { StaffMember } from '../../shared/staff';
import { uuidv7 } from '../../shared/ids';
import { MANAGER_PIN, hkSetup, makeTempDir, unwrap, type TempDir } from './helpers/terminal';

/**
 * Issue 11 §7: a day of activity through the real terminal core (in this process, logging to
 * its data folder as the browser host does) and the real head office (`npm run server` as a
 * child process, logging to its PGlite data folder), at debug level. Then every log file is
 * read: none holds a name, phone number, email address, PIN, password, token or credential
 * used, and each holds the non-personal lines the day must leave (so the scan cannot pass on
 * empty files).
 */
const SECRETS = {
  adminToken: `hoa_${randomBytes(24).toString('base64url')}`,
  adminName: 'Wong Siu Ming',
  adminPassword: 'Harbour-View-2030!',
  wrongPassword: 'Kowloon-Guess-1999?',
  managerName: 'Mandy Manager',
  cashierName: 'Ho Ka Yan',
  cashierPin: '739184',
  wrongPin: '502613',
};
const MEMBERS = [
  { name: 'Chan Tai Man', phone: '9123 4567', digits: '91234567', email: 'taiman.chan@example.hk' },
  {
    name: 'Lee Mei Ling',
    phone: '6234 5678',
    digits: '62345678',
    email: 'meiling.lee@example.com',
  },
  {
    name: 'Cheung Hok Yau',
    phone: '5345 6789',
    digits: '53456789',
    email: 'jacky@cantopop.example',
  },
];
const NEW_EMAIL = 'tai.man.new@mail.example.org';

interface HeadOfficeProcess {
  url: string;
  dataDir: TempDir;
  child: ChildProcess;
}

function startHeadOffice(): Promise<HeadOfficeProcess> {
  const dataDir = makeTempDir('loyalty-logs-ho-');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      HEAD_OFFICE_DATA_DIR: dataDir.dir,
      HEAD_OFFICE_PORT: '0',
      HEAD_OFFICE_HOST: '127.0.0.1',
      HEAD_OFFICE_ADMIN_TOKEN: SECRETS.adminToken,
      LOYALTY_LOG: 'debug',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /Head office listening on (\S+)/.exec(output);
      if (listening?.[1]) resolve({ url: listening[1], dataDir, child });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => reject(new Error(`head office exited with ${code}: ${output}`)));
  });
}

async function stopHeadOffice(headOffice: HeadOfficeProcess): Promise<void> {
  const { child } = headOffice;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Every file under `dir`, by path. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

/** `needle` in `text` as a word of its own (a PIN inside a longer number is not that PIN). */
function containsWord(text: string, needle: string): boolean {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![0-9A-Za-z])${escaped}(?![0-9A-Za-z])`).test(text);
}

describe('a day of activity leaves logs a shop can keep', () => {
  let headOffice: HeadOfficeProcess;
  let terminalDir: TempDir;
  let core: TerminalCore | undefined;
  let terminalLog: LogFile | undefined;
  let level: string | undefined;
  const used: string[] = [];

  beforeAll(async () => {
    level = process.env.LOYALTY_LOG;
    process.env.LOYALTY_LOG = 'debug';
    headOffice = await startHeadOffice();
    terminalDir = makeTempDir('loyalty-logs-terminal-');
    // As the browser host does: the log first, then the ledger.
    terminalLog = await openLogFile({ dir: path.join(terminalDir.dir, LOG_DIR), name: 'terminal' });
    core = openCore({ dataDir: terminalDir.dir });
    const dispatch = core.dispatch;
    unwrap(dispatch('terminal.setup', { ...hkSetup, managerName: SECRETS.managerName }));
    unwrap(dispatch('shift.open', { floatMinor: 0 }));

    // Head office's morning: the first admin, a wrong password, a sign-in, made-up tokens.
    const url = headOffice.url;
    const office = { 'content-type': 'application/json', 'x-office-request': '1' };
    const post = (route: string, body: unknown, headers: Record<string, string> = office) =>
      fetch(`${url}${route}`, { method: 'POST', headers, body: JSON.stringify(body) });
    const first = await post('/office/api/first-admin', {
      adminToken: SECRETS.adminToken,
      name: SECRETS.adminName,
      password: SECRETS.adminPassword,
    });
    expect(first.status).toBe(201);
    const wrong = await post('/office/api/session', {
      name: SECRETS.adminName,
      password: SECRETS.wrongPassword,
    });
    expect(wrong.status).toBe(401);
    const signedIn = await post('/office/api/session', {
      name: SECRETS.adminName,
      password: SECRETS.adminPassword,
    });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    used.push(cookie.split('=')[1] ?? '');
    const stores = await fetch(`${url}/admin/stores`, { headers: { cookie } });
    expect(stores.status).toBe(200);
    for (let i = 0; i < 35; i++) {
      const bogus = `hoa_${randomBytes(24).toString('base64url')}`;
      used.push(bogus);
      await fetch(`${url}/admin/stores`, { headers: { authorization: `Bearer ${bogus}` } });
    }
    const admin = {
      'content-type': 'application/json',
      authorization: `Bearer ${SECRETS.adminToken}`,
    };
    const store = (await (await post('/admin/stores', { name: 'Causeway Bay' }, admin)).json()) as {
      id: string;
    };
    const code = (await (
      await post(`/admin/stores/${store.id}/enrollment-codes`, {}, admin)
    ).json()) as { code: string };
    used.push(code.code);

    // The terminal joins, and its day: members, staff, sales, refusals, sync.
    const credentials = core.credentials;
    await enrollTerminal(core.ctx, httpTransport(url), credentials, {
      serverUrl: url,
      code: code.code,
    });
    used.push(credentials.read() ?? 'no credential');
    const members = MEMBERS.map(
      (m) =>
        unwrap(
          dispatch('member.enroll', {
            name: m.name,
            phone: m.phone,
            email: m.email,
            birthday: '1985-07-14',
            marketingConsent: true,
          }),
        ) as Member,
    );
    // The same phone again, and an email that is not one: refused.
    const twice = dispatch('member.enroll', {
      name: MEMBERS[0]?.name ?? '',
      phone: MEMBERS[0]?.phone ?? '',
      marketingConsent: false,
    });
    expect(twice.ok).toBe(false);
    expect(
      dispatch('member.enroll', {
        name: 'X',
        phone: '9999 0000',
        email: `${NEW_EMAIL}@`,
        marketingConsent: false,
      }).ok,
    ).toBe(false);
    unwrap(dispatch('member.update', { memberId: members[0]?.id ?? '', email: NEW_EMAIL }));
    unwrap(dispatch('member.search', { query: 'Chan Tai' }));
    unwrap(dispatch('member.byPhone', { phone: MEMBERS[1]?.phone ?? '' }));
    const cashier = unwrap(
      dispatch('staff.add', {
        name: SECRETS.cashierName,
        role: 'cashier',
        pin: SECRETS.cashierPin,
        managerPin: MANAGER_PIN,
      }),
    ) as StaffMember;
    expect(dispatch('staff.signIn', { pin: SECRETS.wrongPin, staffId: cashier.id }).ok).toBe(false);
    unwrap(dispatch('staff.signIn', { pin: SECRETS.cashierPin, staffId: cashier.id }));
    for (const member of members) {
      unwrap(
        dispatch('sale.record', {
          saleId: uuidv7(),
          memberId: member.id,
          lines: [{ description: 'Milk tea', quantity: 2, unitPriceMinor: 3_200 }],
          redeemPoints: 0,
        }),
      );
    }
    const worker = new SyncWorker(core.ctx, { transport: httpTransport(url), credentials });
    expect(await worker.runOnce()).toBe('synced');
    // A till with a credential head office does not know: refused, and logged as such.
    const stolen = `hot_${randomBytes(32).toString('base64url')}`;
    used.push(stolen);
    const wrongCredentials: CredentialStore = {
      read: () => stolen,
      write: () => undefined,
      protection: 'encrypted-ledger',
    };
    const refused = new SyncWorker(core.ctx, {
      transport: httpTransport(url),
      credentials: wrongCredentials,
    });
    expect(await refused.runOnce()).toBe('refused');

    // The end of the day: everything on disk.
    core.close();
    core = undefined;
    await terminalLog.close();
    terminalLog = undefined;
    await stopHeadOffice(headOffice);
  }, 240_000);

  afterAll(async () => {
    core?.close();
    await terminalLog?.close();
    if (headOffice) {
      await stopHeadOffice(headOffice);
      headOffice.dataDir.remove();
    }
    terminalDir?.remove();
    process.env.LOYALTY_LOG = level;
  });

  const logsOf = (dir: string) =>
    filesUnder(path.join(dir, LOG_DIR)).map((file) => ({
      file,
      text: fs.readFileSync(file, 'utf8'),
    }));

  it('writes each side to rolling files in its own data folder, as JSON lines', () => {
    for (const [dir, base] of [
      [terminalDir.dir, 'terminal'],
      [headOffice.dataDir.dir, 'head-office'],
    ] as const) {
      const logs = logsOf(dir);
      expect(logs.length).toBeGreaterThan(0);
      for (const { file, text } of logs) {
        expect(path.basename(file)).toMatch(
          new RegExp(`^${base}\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log$`),
        );
        for (const line of text.trim().split('\n')) {
          expect(JSON.parse(line)).toMatchObject({
            level: expect.any(String),
            msg: expect.any(String),
          });
        }
      }
    }
  });

  it('holds the non-personal lines the day must leave', () => {
    const terminal = logsOf(terminalDir.dir)
      .map((l) => l.text)
      .join('');
    const office = logsOf(headOffice.dataDir.dir)
      .map((l) => l.text)
      .join('');
    for (const expected of [
      'applied migration 1',
      'operation member.enroll refused',
      'operation staff.signIn refused',
      'synced with head office',
      'sync failed',
    ]) {
      expect(terminal, expected).toContain(expected);
    }
    for (const expected of [
      'applied migration 1',
      'enrolled in store Causeway Bay',
      'admin user',
      'POST /sync/push 200',
      'POST /office/api/session 401',
      'GET /admin/stores 429',
      'SIGTERM: closing',
    ]) {
      expect(office, expected).toContain(expected);
    }
  });

  it('holds no name, phone number, email address, PIN, password, token or credential', () => {
    const text = [...logsOf(terminalDir.dir), ...logsOf(headOffice.dataDir.dir)]
      .map((l) => l.text)
      .join('\n');
    const secrets = [
      ...Object.values(SECRETS),
      MANAGER_PIN,
      NEW_EMAIL,
      ...MEMBERS.flatMap((m) => [m.name, m.phone, m.digits, `+852${m.digits}`, m.email]),
      ...used,
    ];
    for (const secret of secrets) {
      expect(containsWord(text, secret), `the logs contain ${secret}`).toBe(false);
    }
    // Parts of names too: a surname on its own is still a name in a log.
    for (const part of ['Tai Man', 'Mei Ling', 'Hok Yau', 'Siu Ming', 'Ka Yan']) {
      expect(text).not.toContain(part);
    }
  });
});
