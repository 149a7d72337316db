import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  utilityProcess,
} from 'electron';
import { contentSecurityPolicy } from '../../shared/csp';
import { fail, type Result } from '../../shared/result';
import { createLogger } from '../../shared/logger';
import { LOG_DIR, openLogFile, type LogFile } from '../../logging/logFile';
import { startCoreRelay, type CoreRelay } from '../core/process/coreClient';
import { registerIpc } from './ipc';
import { keychainSecretStore, legacyKeychainCredential } from './credentials';
import { appIndexUrl, appScheme, serveAppProtocol } from './appProtocol';
import { devToolsAllowed, menuTemplate } from './menu';
import { openDisplayWindow } from './displayWindow';
import { coreProcessEntry, mayRestart, utilityProcessChannel } from './utilityCore';
import {
  allowOnlyPermissions,
  applyContentSecurityPolicy,
  hardenWebContents,
  secureWebPreferences,
} from './security';

const log = createLogger('main');

// Built layout: out/main/index.js and coreProcess.js, out/preload/index.cjs (sandboxed preloads
// must be CommonJS), out/renderer/index.html (served as app://terminal/index.html).
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererDir = path.join(here, '../renderer');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appUrl = devServerUrl ?? appIndexUrl;

/** A core that dies this often in a minute is not restarted again: the till says so and quits. */
const RESTARTS_PER_MINUTE = 3;

let mainWindow: BrowserWindow | null = null;
let customerDisplay: BrowserWindow | null = null;
let core: CoreRelay | null = null;
let coreStopped = false;
let logFile: LogFile | null = null;
const restarts: number[] = [];

/**
 * Starts the core in a utilityProcess: the ledger, the sync worker and the hourly catch-up all
 * run there, so no handler can hold this thread (and with it the window and every IPC reply).
 * Main keeps what only it can reach: the terminal's secret under the OS keychain (safeStorage),
 * sent to the core at start; the head-office credential lives inside the encrypted ledger.
 */
function startCore(dataDir: string): CoreRelay {
  const child = utilityProcess.fork(coreProcessEntry(here), [], {
    serviceName: 'Loyalty Terminal core',
    stdio: 'inherit',
  });
  const relay = startCoreRelay(utilityProcessChannel(child), {
    dataDir,
    builtDir: here,
    ...(process.env.LOYALTY_SQLITE_BINDING
      ? { nativeBinding: process.env.LOYALTY_SQLITE_BINDING }
      : {}),
    // The ledger's key is sealed by the OS keychain; the head-office credential lives inside it.
    secretStore: keychainSecretStore(safeStorage, dataDir),
    legacyCredential: legacyKeychainCredential(safeStorage, dataDir),
    logFile: app.isPackaged ? 'file' : 'file-and-stderr',
  });
  relay.onUnexpectedExit(() => void restartCore(dataDir));
  return relay;
}

function explainStartFailure(dataDir: string, failed: Result<void>): void {
  if (failed.ok) return;
  log.error('could not open the ledger', { dataDir, code: failed.error.code });
  if (failed.error.code === 'database_newer') {
    dialog.showErrorBox('This terminal needs an update', failed.error.message);
  } else {
    dialog.showErrorBox(
      'The terminal could not start',
      `The ledger in ${dataDir} could not be opened.\n\n${failed.error.message}`,
    );
  }
}

/**
 * A core process that ended without being asked is started again on the same ledger: SQLite
 * kept every committed sale, and calls that were in flight were answered with an error, never
 * retried, so nothing is recorded twice.
 */
async function restartCore(dataDir: string): Promise<void> {
  if (coreStopped) return;
  if (!mayRestart(restarts, Date.now(), RESTARTS_PER_MINUTE)) {
    dialog.showErrorBox(
      'The terminal stopped',
      'The terminal core stopped several times in a minute. Restart the terminal; if it happens again, call support.',
    );
    app.exit(1);
    return;
  }
  const next = startCore(dataDir);
  const ready = await next.ready;
  if (!ready.ok) {
    explainStartFailure(dataDir, ready);
    app.exit(1);
    return;
  }
  core = next;
  log.info('the terminal core was restarted');
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: app.getName(),
    backgroundColor: '#ffffff',
    webPreferences: secureWebPreferences(preloadPath),
  });
  window.on('closed', () => {
    mainWindow = null;
    // The till's window is the app: its customer display goes with it.
    customerDisplay?.close();
  });
  window
    .loadURL(appUrl)
    .catch((error: unknown) => log.error('could not load the renderer', { error: String(error) }));
  return window;
}

async function start(): Promise<void> {
  const dataDir = process.env.LOYALTY_DATA_DIR || app.getPath('userData');
  // Main's log: <data folder>/logs/main.*.log, rolled daily; also stderr while developing. The
  // core's process keeps its own (terminal.*.log): two processes never share one file.
  logFile = await openLogFile({
    dir: path.join(dataDir, LOG_DIR),
    name: 'main',
    stderr: !app.isPackaged,
  });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        appName: app.getName(),
        platform: process.platform,
        devTools: devToolsAllowed(process.env),
      }),
    ),
  );
  allowOnlyPermissions(session.defaultSession);
  applyContentSecurityPolicy(session.defaultSession, contentSecurityPolicy);
  serveAppProtocol(protocol, rendererDir, contentSecurityPolicy);

  const first = startCore(dataDir);
  const ready = await first.ready;
  if (!ready.ok) {
    explainStartFailure(dataDir, ready);
    await logFile.flush();
    app.exit(1);
    return;
  }
  core = first;
  log.info(`ledger at ${dataDir}`);
  // Main only relays: each contract call goes to whichever core process is current.
  registerIpc(
    ipcMain,
    (name, input) =>
      core
        ? core.dispatch(name, input)
        : Promise.resolve(fail('internal', 'The terminal core is not running. Nothing was saved.')),
    appUrl,
  );
  mainWindow = createMainWindow();
  // The customer display: on the second screen when there is one, else a window to move.
  if (process.env.LOYALTY_CUSTOMER_DISPLAY !== 'off') {
    customerDisplay = openDisplayWindow(BrowserWindow, screen, appUrl, preloadPath);
    customerDisplay.on('closed', () => {
      customerDisplay = null;
    });
  }
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

// Before ready: app:// pages get a real origin, a secure context and the fetch API.
protocol.registerSchemesAsPrivileged([appScheme]);

// Must be called before ready: every renderer, including ones we did not create, is sandboxed.
app.enableSandbox();

// Two terminal processes on one ledger would race for it; the first one keeps the counter.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));
  app.on('window-all-closed', () => app.quit());
  // The core closes its ledger before the app ends; quitting waits for it (up to a few seconds).
  app.on('before-quit', (event) => {
    if (coreStopped || !core) return;
    event.preventDefault();
    coreStopped = true;
    void core
      .stop()
      .then(() => logFile?.flush())
      .finally(() => app.quit());
  });
  // No top-level await on whenReady: in an ESM main it would hold back the ready event itself.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('could not start the terminal', { error: String(error) });
      app.exit(1);
    });
}
