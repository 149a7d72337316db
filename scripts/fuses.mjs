/**
 * Electron's fuses: switches compiled into the Electron binary, flipped on the file itself, that
 * no command-line flag or environment variable can turn back on. `npm start` sets the development
 * set on the Electron binary it runs; a packager runs this script on the packaged app:
 *
 *     node scripts/fuses.mjs <path to the packaged binary, or the .app on macOS>
 *     node scripts/fuses.mjs --development <path>      (what npm start applies)
 *
 * It flips only what differs, then reads the wire back and fails if any fuse is not as asked.
 */
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

/** The byte a fuse holds when on, and when off (@electron/fuses' FuseState). */
export const FUSE_ON = 0x31;
export const FUSE_OFF = 0x30;

/**
 * The shipped app.
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the signed app into a general Node.
 *   The core runs in a utilityProcess, which does not need it.
 * - NODE_OPTIONS and --inspect off: nobody injects code or attaches a debugger to the till.
 * - Cookies encrypted at rest with the OS keychain's key.
 * - The app loads only from app.asar, and only if the asar matches the hash the packager
 *   embedded (the packager must write that hash; electron-builder and Forge do).
 * - file:// gets no extra privileges: the renderer is served from app://.
 * - No browser-process V8 snapshot: the default snapshot is the tested one.
 */
export const productionFuses = Object.freeze({
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});

/**
 * `npm start`: the shipped set, but for the two that cannot hold in development. The app runs
 * from this folder, not an asar, and Playwright's Electron smoke test (test/electron) attaches
 * to the main process with --inspect=0.
 */
export const developmentFuses = Object.freeze({
  ...productionFuses,
  [FuseV1Options.EnableNodeCliInspectArguments]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: false,
});

/** Each fuse the config sets, by name, as true or false. */
export function describeFuses(config) {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => /^\d+$/.test(key))
      .map(([key, on]) => [FuseV1Options[Number(key)], on]),
  );
}

/** Fuses in the binary's wire that differ from `config`, by name. */
export function fusesDiffering(wire, config) {
  return Object.entries(config)
    .filter(([key]) => /^\d+$/.test(key))
    .filter(([key, on]) => wire[key] !== (on ? FUSE_ON : FUSE_OFF))
    .map(([key]) => FuseV1Options[Number(key)]);
}

/**
 * Sets `config` on the Electron binary at `binary`; writes the file only when a fuse differs.
 * Returns what it changed. Throws when the binary has no fuse wire, or it does not read back.
 */
export async function applyFuses(binary, config) {
  const before = await getCurrentFuseWire(binary);
  const changed = fusesDiffering(before, config);
  if (changed.length > 0) {
    await flipFuses(binary, {
      ...config,
      // Flipping a fuse breaks the signature; macOS on Apple silicon refuses unsigned code.
      resetAdHocDarwinSignature: process.platform === 'darwin',
    });
    const after = await getCurrentFuseWire(binary);
    const still = fusesDiffering(after, config);
    if (still.length > 0) throw new Error(`fuses did not take: ${still.join(', ')}`);
  }
  return { changed };
}

async function main() {
  const args = process.argv.slice(2);
  const development = args.includes('--development');
  const paths = args.filter((arg) => !arg.startsWith('--'));
  if (paths.length !== 1) {
    process.stderr.write(
      'usage: node scripts/fuses.mjs [--development] <Electron binary, or the .app on macOS>\n',
    );
    process.exit(2);
  }
  const config = development ? developmentFuses : productionFuses;
  const { changed } = await applyFuses(paths[0], config);
  process.stderr.write(
    `${changed.length > 0 ? `flipped ${changed.join(', ')}` : 'fuses already set'}; now ${JSON.stringify(describeFuses(config))}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    process.stderr.write(`Could not set the Electron fuses: ${error.message ?? String(error)}\n`);
    process.exit(1);
  });
}
