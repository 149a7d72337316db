import { existsSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../../shared/result';
import {
  fileSecretStore,
  keyFileFor,
  KEYCHAIN_SECRET_FILE,
  SECRET_ENV,
  type SecretStore,
} from '../keys/terminalKeys';

/**
 * Where `npm run restore` finds the terminal's secret. The browser host's key file (`<data>.key`)
 * and LOYALTY_TERMINAL_SECRET work as they do for the terminal; `--key-file` names any file
 * holding the 64 hex digits (a copy IT kept). An Electron terminal seals its secret with the OS
 * keychain (safeStorage), which only the app can ask: the command says so, and what to pass
 * instead, rather than failing on a wrong key. It never makes a new secret: a restore is for a
 * terminal that already has one.
 */
export function restoreSecretStore(options: {
  dataDir: string;
  keyFile?: string | undefined;
  env: NodeJS.ProcessEnv;
}): SecretStore {
  const dataDir = path.resolve(options.dataDir);
  const keyFile = options.keyFile ? path.resolve(options.keyFile) : keyFileFor(dataDir);
  if (options.keyFile && !existsSync(keyFile))
    throw new DomainError('terminal_secret_missing', `There is no key file at ${keyFile}.`);
  const sealed = path.join(dataDir, KEYCHAIN_SECRET_FILE);
  if (!options.env[SECRET_ENV] && !options.keyFile && !existsSync(keyFile) && existsSync(sealed))
    throw new DomainError(
      'terminal_secret_missing',
      `This terminal's key is sealed by the OS keychain (${sealed}), which only the terminal app can open. ` +
        `Restore from the app's recovery screen, or give this command the key: --key-file FILE ` +
        `(64 hexadecimal digits) or ${SECRET_ENV}.`,
    );
  const store = fileSecretStore(keyFile);
  return {
    describe: store.describe,
    load: () => store.load(),
    save() {
      throw new DomainError(
        'terminal_secret_missing',
        `The terminal's key was not found (${store.describe}, ${SECRET_ENV}): a restore needs the key the backup was made with. Pass --key-file FILE or set ${SECRET_ENV}.`,
      );
    },
  };
}
