import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ChildChannel } from './coreClient';
import { CORE_PROCESS_ENTRY } from './protocol';

/**
 * The core's process under plain Node, for tests and benchmarks: the same entry Electron starts
 * with utilityProcess.fork, started with child_process.fork or as a worker thread. From the
 * TypeScript source through tsx, or from the built bundle when `builtDir` (out/main) is given.
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const sourceEntry = path.join(here, 'coreProcessEntry.ts');

/** A child process running the core, with structured clone on the channel as Electron has. */
export function forkCoreProcess(options: { builtDir?: string; env?: NodeJS.ProcessEnv } = {}): {
  channel: ChildChannel;
  pid: number | undefined;
} {
  const child = options.builtDir
    ? fork(path.join(options.builtDir, `${CORE_PROCESS_ENTRY}.js`), [], {
        serialization: 'advanced',
        env: options.env ?? process.env,
      })
    : fork(sourceEntry, [], {
        execArgv: ['--import', 'tsx'],
        serialization: 'advanced',
        env: options.env ?? process.env,
      });
  return {
    pid: child.pid,
    channel: {
      post: (message) => {
        // A child ending as we write: the exit handler settles every waiting call.
        if (child.connected) child.send(message, () => undefined);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => child.once('exit', (code) => listener(code)),
      kill: () => child.kill('SIGKILL'),
    },
  };
}

/** The core on a worker thread of this process. */
export function coreWorkerThread(options: { env?: NodeJS.ProcessEnv } = {}): ChildChannel {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = pathToFileURL(sourceEntry).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, env: options.env ?? process.env },
  );
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onExit: (listener) => worker.once('exit', (code) => listener(code)),
    kill: () => void worker.terminate(),
  };
}
