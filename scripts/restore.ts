import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { LEDGER_FILE, ledgerKeyOf, openCore } from '../electron/core/core';
import { defaultDataDir } from '../electron/core/dataDir';
import { RUNNING_MARKER } from '../electron/core/recovery/ledgerCheck';
import { clearRestorePending, restoreLedgerFile } from '../electron/core/recovery/restoreLedger';
import { restoreSecretStore } from '../electron/core/recovery/restoreKey';
import { resyncAfterRestore } from '../electron/core/recovery/resync';
import { httpTransport } from '../electron/core/sync/transport';

/**
 * `npm run restore -- --from FILE [--data DIR] [--key-file FILE] [--unverified]`, for IT: puts a
 * backup in place of the terminal's ledger (checked again first; the old ledger is moved aside,
 * never deleted), then takes back from head office what it holds. Stop the terminal first. The
 * terminal's key comes from `--key-file`, LOYALTY_TERMINAL_SECRET or the browser host's key file;
 * a key sealed by the OS keychain (an Electron terminal) only the app can open, and the command
 * says so (restoreKey.ts). Where
 * head office cannot be reached, the terminal finishes that step itself at
 * its next start and sells only once it has.
 */
function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function stillRunning(dataDir: string): boolean {
  const marker = path.join(dataDir, RUNNING_MARKER);
  if (!existsSync(marker)) return false;
  const pid = Number(readFileSync(marker, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      from: { type: 'string' },
      data: { type: 'string' },
      'key-file': { type: 'string' },
      unverified: { type: 'boolean', default: false },
    },
  });
  if (!values.from) {
    print('usage: npm run restore -- --from FILE [--data DIR] [--key-file FILE] [--unverified]');
    return 2;
  }
  const backupFile = path.resolve(values.from);
  const dataDir = path.resolve(values.data ?? defaultDataDir());
  if (stillRunning(dataDir)) {
    print(`The terminal is still running on ${dataDir}: close it first.`);
    return 1;
  }
  const secretStore = restoreSecretStore({
    dataDir,
    keyFile: values['key-file'],
    env: process.env,
  });
  const restoredFrom = await restoreLedgerFile({
    dataDir,
    ledgerFile: path.join(dataDir, LEDGER_FILE),
    backupFile,
    ledgerOptions: {
      key: ledgerKeyOf({ dataDir, secretStore }),
      ...(process.env.LOYALTY_SQLITE_BINDING
        ? { nativeBinding: process.env.LOYALTY_SQLITE_BINDING }
        : {}),
    },
    now: Date.now,
    allowWithoutManifest: values.unverified,
  });
  print(
    `Restored ${restoredFrom.file} (taken ${restoredFrom.createdAt}, ${restoredFrom.sales} sales).`,
  );
  const core = openCore({ dataDir, secretStore });
  try {
    const done = await resyncAfterRestore(core, { transportFor: httpTransport });
    clearRestorePending(dataDir);
    if (done.headOffice)
      print(
        `Head office gave back ${done.reapplied.operations} operations (${done.reapplied.sales} sales and refunds); it holds up to seq ${done.headOffice.highWaterMark} and last heard from this terminal at ${done.headOffice.lastSeenAt ?? 'never'}. Anything rung up after that is lost.`,
      );
    else print('This terminal was never enrolled with head office: nothing to take back.');
    return 0;
  } catch (error) {
    print(
      `Restored, but head office could not give back this terminal's operations yet: ${error instanceof Error ? error.message : String(error)}`,
    );
    print('The terminal will try again at its next start and will not sell until it has.');
    return 0;
  } finally {
    core.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    print(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
