import { contextBridge, ipcRenderer } from 'electron';
import {
  operationNames,
  type ApiInput,
  type ApiResult,
  type OperationName,
  type TerminalApi,
} from '../../shared/api';
import { channelFor } from '../../shared/api/channels';

/**
 * `window.api`: one named function per operation in the contract, and nothing else. The page
 * never sees ipcRenderer, so it cannot send on a channel the contract does not name.
 */
type Invoker<K extends OperationName> = (input: ApiInput<K>) => ApiResult<K>;

function invoker<K extends OperationName>(name: K): Invoker<K> {
  return (input) => ipcRenderer.invoke(channelFor(name), input);
}

// Derived from the contract, so a new operation needs no change here. TypeScript cannot follow
// a mapped type through Object.fromEntries, hence the one assertion; preload.test.ts checks the
// keys are exactly the contract's operation names and each value is a function.
const api = Object.freeze(
  Object.fromEntries(operationNames.map((name) => [name, invoker(name)])),
) as TerminalApi;

contextBridge.exposeInMainWorld('api', api);
