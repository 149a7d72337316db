import os from 'node:os';
import path from 'node:path';

/**
 * Where the ledger lives when nothing overrides it: the per-user application data folder,
 * the same place Electron's app.getPath('userData') points to for this app.
 */
export const APP_FOLDER = 'loyalty-terminal';

export function defaultDataDir(): string {
  if (process.env.LOYALTY_DATA_DIR) return process.env.LOYALTY_DATA_DIR;
  switch (process.platform) {
    case 'win32':
      return path.join(
        process.env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'),
        APP_FOLDER,
      );
    case 'darwin':
      return path.join(os.homedir(), 'Library', 'Application Support', APP_FOLDER);
    default:
      return path.join(
        process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'),
        APP_FOLDER,
      );
  }
}
