import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openTerminalDoor } from '../core/terminalDoor';
import { defaultDataDir } from '../core/dataDir';
import { startHttpHost } from './httpHost';
import { createLogger } from '../../shared/logger';
import { LOG_DIR, openLogFile } from '../../logging/logFile';

const log = createLogger('host');

/**
 * `npm run start:web`: the terminal core behind HTTP on loopback, serving the built renderer.
 * LOYALTY_DATA_DIR, LOYALTY_PORT and LOYALTY_BIND override the defaults.
 */
async function main(): Promise<void> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dataDir = process.env.LOYALTY_DATA_DIR ?? defaultDataDir();
  // The terminal's log: <data folder>/logs, rolled daily; readable lines on stderr unless in production.
  const logFile = await openLogFile({
    dir: path.join(dataDir, LOG_DIR),
    name: 'terminal',
    stderr: process.env.NODE_ENV !== 'production',
  });
  // A ledger that fails its start-up check opens in recovery: the screen offers a restore.
  const door = openTerminalDoor({ dataDir, builtDir: here });
  const token = randomBytes(24).toString('base64url');
  const host = await startHttpHost({
    dispatch: door.dispatchAsync,
    token,
    staticDir: path.resolve(here, '../renderer'),
    host: process.env.LOYALTY_BIND ?? '127.0.0.1',
    port: Number(process.env.LOYALTY_PORT ?? 0),
  });
  log.info(`ledger at ${dataDir}`, { state: door.status().state });
  // The one line tests and people read: the URL with this launch's token.
  process.stdout.write(`Terminal ready at ${host.launchUrl}\n`);
  const stop = () => {
    void host
      .close()
      .then(() => {
        door.close();
        return logFile.close();
      })
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  log.error('could not start the browser host', { error: String(error) });
  process.exit(1);
});
