import { parentPort } from 'node:worker_threads';
import { serveCore, type ParentChannel } from './coreProcess';
import type { FromCore } from './protocol';

/**
 * The core process's entry: built as out/main/coreProcess.js, which Electron's main starts with
 * utilityProcess.fork. Tests and benchmarks start the same file with child_process.fork or as a
 * worker thread; this picks whichever channel to main exists.
 */

/** Electron's utilityProcess side, seen without Electron's types (the core never imports it). */
interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function parentChannel(): ParentChannel {
  const electronPort = (process as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      post: (message: FromCore) => electronPort.postMessage(message),
      onMessage: (listener) => electronPort.on('message', (event) => listener(event.data)),
      // The ledger is closed by now. Should 'stopped' be lost, main takes the exit as the same.
      close: () => setImmediate(() => process.exit(0)),
    };
  }
  if (parentPort) {
    const port = parentPort;
    return {
      post: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', listener),
      close: () => port.close(),
    };
  }
  if (process.send) {
    return {
      post: (message) => process.send?.(message),
      onMessage: (listener) => process.on('message', listener),
      close: () => process.disconnect?.(),
    };
  }
  throw new Error('The core process was started without a channel to the main process.');
}

serveCore(parentChannel());
