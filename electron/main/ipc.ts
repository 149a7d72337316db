import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { operationNames, type OperationName } from '../../shared/api';
import { channelFor } from '../../shared/api/channels';
import { fail, type Result } from '../../shared/result';
import type { Dispatch, DispatchAsync } from '../core/api/dispatch';
import { createLogger } from '../../shared/logger';
import { isAllowedNavigation } from './security';
import { displayUrlOf, isDisplayPage } from './displayWindow';

const log = createLogger('ipc');

/**
 * Answers one invoke. Only a frame showing our own app may reach the core: if anything else ever
 * got a preload (a navigation we missed, a subframe), it gets an error value, not the ledger.
 * The customer display's page is ours too, but it calls as the display: the core lets it read
 * its view and answer its question, nothing else.
 */
export async function answerInvoke(
  dispatch: Dispatch | DispatchAsync,
  appUrl: string,
  name: OperationName,
  senderUrl: string | undefined,
  input: unknown,
): Promise<Result<unknown>> {
  const display =
    senderUrl !== undefined &&
    isDisplayPage(senderUrl) &&
    isAllowedNavigation(senderUrl, displayUrlOf(appUrl));
  if (senderUrl === undefined || (!display && !isAllowedNavigation(senderUrl, appUrl))) {
    log.warn(`refused ${name} from a foreign frame`, { url: senderUrl?.slice(0, 200) ?? null });
    return fail('unauthorized', 'This request did not come from the terminal app.');
  }
  try {
    return await dispatch(name, input, display ? { kind: 'displayWindow' } : { kind: 'till' });
  } catch (error) {
    // dispatch returns errors as values; this only guards the boundary if that promise breaks.
    log.error(`operation ${name} threw`, { error: String(error) });
    return fail('internal', 'Something went wrong inside the terminal. Nothing was saved.');
  }
}

/**
 * One handler per operation in the contract, so the renderer can reach nothing the contract does
 * not name. Electron throws if a channel is handled twice, which catches double registration.
 * Returns a function that removes the handlers again.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  dispatch: Dispatch | DispatchAsync,
  appUrl: string,
): () => void {
  for (const name of operationNames) {
    ipcMain.handle(channelFor(name), (event: IpcMainInvokeEvent, input: unknown) =>
      answerInvoke(dispatch, appUrl, name, event.senderFrame?.url, input),
    );
  }
  return () => {
    for (const name of operationNames) ipcMain.removeHandler(channelFor(name));
  };
}
