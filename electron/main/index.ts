import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, safeStorage, session } from 'electron';
import { contentSecurityPolicy } from '../../shared/csp';
import { DomainError } from '../../shared/result';
import { openTerminalDoor, type TerminalDoor } from '../core/terminalDoor';
import { createLogger } from '../../shared/logger';
import { registerIpc } from './ipc';
import { keychainCredentialStore } from './credentials';
import {
  allowOnlyPermissions,
  applyContentSecurityPolicy,
  hardenWebContents,
  secureWebPreferences,
} from './security';

const log = createLogger('main');

// Built layout: out/main/index.mjs, out/preload/index.cjs (sandboxed preloads must be CommonJS),
// out/renderer/index.html.
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '../preload/index.cjs');
const rendererIndex = path.join(here, '../renderer/index.html');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const appUrl = devServerUrl ?? pathToFileURL(rendererIndex).href;

let mainWindow: BrowserWindow | null = null;

function openLedgerOrExplain(dataDir: string): TerminalDoor | null {
  try {
    // A ledger that fails its start-up check opens in recovery: the window offers a restore.
    return openTerminalDoor({
      dataDir,
      builtDir: here,
      nativeBinding: process.env.LOYALTY_SQLITE_BINDING,
      credentials: keychainCredentialStore(safeStorage, dataDir),
    });
  } catch (error) {
    log.error('could not open the ledger', { dataDir, error: String(error) });
    if (error instanceof DomainError && error.error.code === 'database_newer') {
      dialog.showErrorBox('This terminal needs an update', error.message);
    } else {
      dialog.showErrorBox(
        'The terminal could not start',
        `The ledger in ${dataDir} could not be opened.\n\n${String(error)}`,
      );
    }
    return null;
  }
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
  });
  const loading = devServerUrl ? window.loadURL(devServerUrl) : window.loadFile(rendererIndex);
  loading.catch((error: unknown) =>
    log.error('could not load the renderer', { error: String(error) }),
  );
  return window;
}

function start(): void {
  const dataDir = process.env.LOYALTY_DATA_DIR || app.getPath('userData');
  const door = openLedgerOrExplain(dataDir);
  if (!door) {
    app.exit(1);
    return;
  }
  log.info(`ledger at ${dataDir}`, { state: door.status().state });
  app.on('will-quit', () => door.close());

  allowOnlyPermissions(session.defaultSession);
  applyContentSecurityPolicy(session.defaultSession, contentSecurityPolicy);
  registerIpc(ipcMain, door.dispatchAsync, appUrl);
  mainWindow = createMainWindow();
}

function focusMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

// Must be called before ready: every renderer, including ones we did not create, is sandboxed.
app.enableSandbox();

// Two terminal processes on one ledger would race for it; the first one keeps the counter.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appUrl));
  app.on('window-all-closed', () => app.quit());
  // No top-level await on whenReady: in an ESM main it would hold back the ready event itself.
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('could not start the terminal', { error: String(error) });
      app.exit(1);
    });
}
