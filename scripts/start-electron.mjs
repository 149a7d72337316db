/**
 * `npm start`: the terminal as an Electron app.
 *
 * 1. Find the Electron binary, or explain plainly that it is missing and point at the browser host.
 *    Set its fuses to the development set (scripts/fuses.mjs): no ELECTRON_RUN_AS_NODE, no
 *    NODE_OPTIONS, as the shipped app. LOYALTY_SKIP_FUSES=1 leaves the binary as it is.
 * 2. Make sure better-sqlite3-multiple-ciphers (the SQLCipher build the encrypted ledger needs)
 *    exists built for Electron's ABI, in .electron-native/<version>/, and never in its
 *    node_modules/…/build: that one serves plain Node, which runs the tests.
 * 3. Build with electron-vite, then run Electron on this folder.
 *
 * `--prepare-only` stops after step 3's build and prints LOYALTY_SQLITE_BINDING=<path>; the
 * Electron smoke test uses it. LOYALTY_ELECTRON_PATH overrides where the binary is looked for.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { applyFuses, developmentFuses } from './fuses.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const isWindows = process.platform === 'win32';

function say(text) {
  process.stderr.write(`${text}\n`);
}

function stop(text) {
  say(`\n${text}\n`);
  process.exit(1);
}

function electronPackageDir() {
  try {
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

/**
 * Where the Electron binary is, without calling require('electron'): in recent Electron releases that call
 * tries to download the binary when it is missing, which on a machine without internet means a
 * stack trace instead of an answer. This reads the same path.txt the package itself reads.
 */
function findElectronBinary(packageDir) {
  if (process.env.LOYALTY_ELECTRON_PATH) return process.env.LOYALTY_ELECTRON_PATH;
  if (!packageDir) return null;
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
  }
  return relative ? path.join(packageDir, 'dist', relative) : null;
}

function electronMissing() {
  stop(
    [
      'The Electron app binary is not installed on this machine.',
      '',
      'The electron npm package is here, but its binary was never downloaded: either npm ran with',
      'ELECTRON_SKIP_BINARY_DOWNLOAD=1, or this machine had no internet when it installed.',
      '',
      'To run the same terminal in a browser instead, run:',
      '',
      '    npm run start:web',
    ].join('\n'),
  );
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    // Tools talk on stderr, so our stdout carries only what --prepare-only means to print.
    stdio: [0, 2, 2],
    // Windows runs npx.cmd only through a shell; everything else is spawned directly.
    shell: isWindows && command.endsWith('.cmd'),
    ...options,
  });
  return result.status === 0;
}

/** node-gyp is not a dependency of this project, but npm carries its own copy. */
function findNodeGyp() {
  const candidates = [];
  if (process.env.npm_execpath) {
    candidates.push(
      path.resolve(
        path.dirname(process.env.npm_execpath),
        '../node_modules/node-gyp/bin/node-gyp.js',
      ),
    );
  }
  const nodeDir = path.dirname(process.execPath);
  candidates.push(
    path.resolve(nodeDir, '../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
    path.resolve(nodeDir, 'node_modules/npm/node_modules/node-gyp/bin/node-gyp.js'),
  );
  try {
    candidates.unshift(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // Not installed in the project; npm's copy will do.
  }
  return candidates.find((file) => existsSync(file)) ?? null;
}

function findPrebuildInstall() {
  try {
    return require.resolve('prebuild-install/bin.js');
  } catch {
    return null;
  }
}

/** The driver the ledger is opened with: better-sqlite3 with SQLCipher (electron/core/db/connection.ts). */
const DRIVER = 'better-sqlite3-multiple-ciphers';

/** Downloads or compiles the driver for Electron inside `work`; the module's path when it exists. */
function buildForElectron(work, electronVersion) {
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  const prebuildInstall = findPrebuildInstall();
  if (prebuildInstall) {
    const args = [prebuildInstall, '--runtime', 'electron', '--target', electronVersion];
    if (run(process.execPath, args, { cwd: work }) && existsSync(built)) return built;
    say(`No prebuilt ${DRIVER} for this Electron could be downloaded; compiling it instead.`);
  }
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) return null;
  // An npm `nodedir` setting points node-gyp at Node's headers, which would build for Node's ABI.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name.toLowerCase() !== 'npm_config_nodedir'),
  );
  const args = [
    nodeGyp,
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ];
  return run(process.execPath, args, { cwd: work, env }) && existsSync(built) ? built : null;
}

/**
 * The driver built for Electron, cached per Electron version. Built in a throwaway copy of the
 * package so the plain-Node build in node_modules is never replaced.
 */
function ensureElectronSqlite(electronVersion) {
  const cacheDir = path.join(root, '.electron-native', electronVersion);
  // Named for the driver: a cache left by the plain better-sqlite3 build has no cipher.
  const binding = path.join(cacheDir, `${DRIVER}.node`);
  if (existsSync(binding)) return binding;

  let source;
  try {
    source = path.dirname(require.resolve(`${DRIVER}/package.json`));
  } catch {
    stop(`${DRIVER} is not installed. Run \`npm ci\` first.`);
  }
  const work = path.join(cacheDir, DRIVER);
  say(`Preparing ${DRIVER} for Electron ${electronVersion} (once per Electron version)...`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  try {
    cpSync(source, work, {
      recursive: true,
      filter: (file) => path.relative(source, file) !== 'build',
    });
    const built = buildForElectron(work, electronVersion);
    if (built) {
      // Copy then rename, so an interrupted copy never looks like a finished cache.
      cpSync(built, `${binding}.partial`);
      renameSync(`${binding}.partial`, binding);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  if (!existsSync(binding)) {
    stop(
      [
        `${DRIVER} could not be prepared for Electron ${electronVersion}.`,
        '',
        'No prebuilt module could be downloaded, and compiling one needs internet for the',
        'Electron headers, Python and a C++ compiler.',
        '',
        'To run the same terminal in a browser instead, run:',
        '',
        '    npm run start:web',
      ].join('\n'),
    );
  }
  return binding;
}

/** The development fuses on the binary `npm start` runs, flipped once and then left alone. */
async function setFuses(binary) {
  if (process.env.LOYALTY_SKIP_FUSES === '1') return;
  try {
    const { changed } = await applyFuses(binary, developmentFuses);
    if (changed.length > 0) say(`Set Electron's fuses: ${changed.join(', ')}.`);
  } catch (error) {
    stop(
      [
        `Could not set the fuses of the Electron binary at ${binary}:`,
        `  ${error instanceof Error ? error.message : String(error)}`,
        '',
        'Reinstall Electron (`npm ci`), or run with LOYALTY_SKIP_FUSES=1 to start without them.',
      ].join('\n'),
    );
  }
}

async function main() {
  const prepareOnly = process.argv.includes('--prepare-only');
  const packageDir = electronPackageDir();
  const binary = findElectronBinary(packageDir);
  if (!binary || !existsSync(binary)) electronMissing();
  await setFuses(binary);
  if (!packageDir) stop('The electron npm package is not installed. Run `npm ci` first.');

  const electronVersion = JSON.parse(
    readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
  ).version;
  const binding = ensureElectronSqlite(electronVersion);

  say('Building the app with electron-vite...');
  if (
    !run(isWindows ? 'npx.cmd' : 'npx', ['--no-install', 'electron-vite', 'build'], { cwd: root })
  ) {
    stop('The build failed; see the messages above.');
  }

  if (prepareOnly) {
    process.stdout.write(`LOYALTY_SQLITE_BINDING=${binding}\n`);
    return;
  }

  const env = { ...process.env, LOYALTY_SQLITE_BINDING: binding };
  // Set in a parent shell it would make Electron behave as plain Node and never open a window.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, ['.'], { cwd: root, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

main().catch((error) => {
  stop(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
});
