import path from 'node:path';
import { describeLocation, locationFromEnv, openDatabase } from './db/openDatabase';
import { HeadOfficeFailure } from './platform/errors';
import { adminTokenSetting } from './admin/adminAccess';
import { createHeadOffice } from './headOffice';
import { buildServer } from './http/server';
import { createLogger } from './platform/logger';
import { addAdminFromCommandLine, addAdminName } from './office/addAdminCommand';
import { LOG_DIR, openLogFile, type LogFile } from '../logging/logFile';
import type { DatabaseLocation } from './db/openDatabase';
import { startPgliteDumps } from './db/pgliteDumps';
import type { PgliteDatabase } from './db/pglite';

/**
 * `npm run server`: head office on PGlite in HEAD_OFFICE_DATA_DIR (default ./.head-office), or
 * on the PostgreSQL server DATABASE_URL names. Prints where it listens and, on the first start,
 * the admin token (only its hash is kept). `npm run server -- --new-admin-token` replaces it.
 */
const log = createLogger('main');

function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

function port(env: NodeJS.ProcessEnv): number {
  const value = Number(env.HEAD_OFFICE_PORT ?? env.PORT ?? 8787);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`HEAD_OFFICE_PORT is not a port: ${env.HEAD_OFFICE_PORT ?? env.PORT}`);
  }
  return value;
}

/** What a newcomer needs to know to sign in to the UI. */
async function officeHint(headOffice: Awaited<ReturnType<typeof createHeadOffice>>) {
  if ((await headOffice.adminUsers.countAdminUsers()) > 0) return '';
  return '  (no admin users yet: create the first one there with the admin token, or with --add-admin <name>)';
}

/**
 * Where head office logs: HEAD_OFFICE_LOG=stdout sends JSON lines to stdout (a container's
 * collector); otherwise files in HEAD_OFFICE_LOG_DIR, by default `logs/` in the PGlite data
 * folder. On PostgreSQL without HEAD_OFFICE_LOG_DIR there is no data folder: stdout.
 */
function openHeadOfficeLog(env: NodeJS.ProcessEnv, location: DatabaseLocation): Promise<LogFile> {
  const dir =
    env.HEAD_OFFICE_LOG_DIR?.trim() ||
    (location.kind === 'pglite' && location.dataDir
      ? path.join(location.dataDir, LOG_DIR)
      : undefined);
  const development = env.NODE_ENV !== 'production';
  if (env.HEAD_OFFICE_LOG === 'stdout' || !dir) {
    return openLogFile({ dir: '', name: 'head-office', stdout: true });
  }
  return openLogFile({ dir, name: 'head-office', stderr: development });
}

async function main(): Promise<void> {
  const env = process.env;
  // Settings are checked before the database is touched.
  const environmentToken = adminTokenSetting(env.HEAD_OFFICE_ADMIN_TOKEN);
  const location = locationFromEnv(env);
  const logFile = await openHeadOfficeLog(env, location);
  openLog = logFile;
  if (logFile.dir) print(`Logs: ${logFile.dir}`);
  const db = await openDatabase(location);
  const headOffice = await createHeadOffice(db);
  const newAdmin = addAdminName(process.argv);
  if (newAdmin !== undefined) {
    // A one-off command: add the person, then stop (PGlite allows one process per data folder).
    try {
      if (newAdmin === null) throw new Error('say who: npm run server -- --add-admin <name>');
      print(await addAdminFromCommandLine(headOffice.adminUsers, newAdmin, env));
    } catch (error) {
      log.error(`no admin added: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    } finally {
      await headOffice.close();
      await logFile.close();
    }
    return;
  }
  const admin = await headOffice.ensureAdminToken({
    environmentToken,
    rotate: process.argv.includes('--new-admin-token'),
  });
  const app = await buildServer(headOffice, { trustProxy: env.HEAD_OFFICE_TRUST_PROXY === '1' });
  const host = env.HEAD_OFFICE_HOST ?? '127.0.0.1';
  const address = await app.listen({ host, port: port(env) });

  print(`Head office listening on ${address}  (${describeLocation(location)})`);
  print(`Head-office UI: ${address}/office/${await officeHint(headOffice)}`);
  if (admin.newToken) {
    print(`Admin token (shown once, only its hash is stored): ${admin.newToken}`);
  } else if (admin.source === 'environment') {
    print('Admin token: HEAD_OFFICE_ADMIN_TOKEN');
  } else {
    print('Admin token: the one printed at first start (replace it with --new-admin-token)');
  }

  // Scheduled work runs on the job table, claimed by one node at a time (server/jobs/).
  const jobs = headOffice.jobWorker();
  jobs.start();
  const stopDumps = startDumps(location, db, env);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info(`${signal}: closing`);
    stopDumps();
    app
      .close()
      .then(() => jobs.stop())
      .then(() => headOffice.close())
      .then(() => logFile.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error('shutdown failed', error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** The log in use, so a failed start still reaches its file before the process ends. */
let openLog: LogFile | null = null;

/**
 * Head office on PGlite dumps its data directory every HEAD_OFFICE_DUMP_HOURS (default 24; 0 for
 * none) into HEAD_OFFICE_DUMP_DIR (default: beside the data directory, `<dir>-dumps`). On a
 * PostgreSQL server, use pg_dump and point-in-time recovery instead (README).
 */
function startDumps(
  location: ReturnType<typeof locationFromEnv>,
  db: Awaited<ReturnType<typeof openDatabase>>,
  env: NodeJS.ProcessEnv,
): () => void {
  if (location.kind !== 'pglite' || !location.dataDir || !('dump' in db)) return () => undefined;
  const everyHours = Number(env.HEAD_OFFICE_DUMP_HOURS ?? 24);
  if (!Number.isFinite(everyHours) || everyHours < 0)
    throw new Error(
      `HEAD_OFFICE_DUMP_HOURS is not a number of hours: ${env.HEAD_OFFICE_DUMP_HOURS}`,
    );
  const folder =
    env.HEAD_OFFICE_DUMP_DIR?.trim() || `${location.dataDir.replace(/\/+$/, '')}-dumps`;
  if (everyHours > 0) print(`PGlite dumps every ${everyHours} h into ${folder}`);
  return startPgliteDumps(db as PgliteDatabase, { folder, everyHours });
}

main().catch((error: unknown) => {
  if (error instanceof HeadOfficeFailure) log.error(error.message);
  else log.error('head office failed to start', error);
  void (openLog?.flush() ?? Promise.resolve()).finally(() => process.exit(1));
});
