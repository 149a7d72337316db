import type { OperationName } from './index';

/** The IPC channel that carries one operation; the preload and the main process must agree. */
export type Channel = `api:${OperationName}`;

export function channelFor(name: OperationName): Channel {
  return `api:${name}`;
}
