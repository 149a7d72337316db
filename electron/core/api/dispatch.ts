import {
  contract,
  isOperationName,
  type AsyncOperationName,
  type OperationName,
} from '../../../shared/api';
import { DomainError, fail, ok, type AppError, type Result } from '../../../shared/result';
import type { CoreContext } from '../context';
import { createLogger } from '../../../shared/logger';
import { memberHandlers } from '../members/memberHandlers';
import { saleHandlers } from '../sales/saleHandlers';
import { terminalHandlers } from '../terminal/terminalHandlers';
import { loyaltyHandlers } from '../loyalty/loyaltyHandlers';
import { programHandlers } from '../program/programHandlers';
import { analyticsHandlers } from '../analytics/analyticsHandlers';
import { syncHandlers } from '../sync/syncHandlers';
import { reportAsyncHandlers, reportHandlers } from '../reports/reportHandlers';
import { staffHandlers } from '../staff/staffHandlers';
import { shiftHandlers } from '../shift/shiftHandlers';
import { backupAsyncHandlers, backupHandlers } from '../backup/backupHandlers';
import { consentHandlers } from '../consent/consentHandlers';
import { feedbackHandlers } from '../feedback/feedbackHandlers';
import { complaintHandlers } from '../complaints/complaintHandlers';
import { catalogueHandlers } from '../catalogue/catalogueHandlers';
import { printerAsyncHandlers, printerHandlers } from '../printer/printerHandlers';
import { taxHandlers } from '../tax/taxHandlers';
import { recordWrongPin, wrongPinCodes } from '../staff/pinGuard';
import { forgetApproval } from '../staff/staffStore';
import { checkAccess, checkCaller } from './access';
import { tillCaller, type Caller } from './caller';
import { displayHandlers } from '../display/displayHandlers';
import { answerFromDisplay, closeQuestion } from '../display/displayRoom';
import type { AsyncHandler, Handler } from './handler';
import { staffWritesFlushedSoon, withFlushSoon } from '../db/staffWriteDurability';

const log = createLogger('api');

type SyncOperationName = Exclude<OperationName, AsyncOperationName>;
type SyncHandlers = { [K in SyncOperationName]: Handler<K> };
type AsyncHandlers = { [K in AsyncOperationName]: AsyncHandler<K> };

function mergeHandlers<T>(...maps: Record<string, unknown>[]): T {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (name in merged) throw new Error(`handler registered twice: ${name}`);
      merged[name] = handler;
    }
  }
  return merged as T;
}

/** Every operation in the contract has exactly one handler; the type checker enforces "every". */
export const handlers: SyncHandlers = mergeHandlers<SyncHandlers>(
  terminalHandlers,
  memberHandlers,
  saleHandlers,
  loyaltyHandlers,
  analyticsHandlers,
  staffHandlers,
  shiftHandlers,
  consentHandlers,
  displayHandlers,
  reportHandlers,
  backupHandlers,
  programHandlers,
  feedbackHandlers,
  complaintHandlers,
  printerHandlers,
  catalogueHandlers,
  taxHandlers,
);
export const asyncHandlers: AsyncHandlers = mergeHandlers<AsyncHandlers>(
  syncHandlers,
  reportAsyncHandlers,
  backupAsyncHandlers,
  printerAsyncHandlers,
);

/** The caller is the till unless the door that took the call says otherwise (api/caller.ts). */
export type Dispatch = (name: string, input: unknown, caller?: Caller) => Result<unknown>;
export type DispatchAsync = (
  name: string,
  input: unknown,
  caller?: Caller,
) => Promise<Result<unknown>>;

type Parsed = { ok: true; name: OperationName; input: unknown } | { ok: false; error: AppError };

function parse(name: string, input: unknown): Parsed {
  if (!isOperationName(name)) {
    return fail(
      'unknown_operation',
      `There is no operation called ${JSON.stringify(name.slice(0, 80))}.`,
    );
  }
  const parsed = contract[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || undefined;
    // Messages can quote the input (an unknown key); keep them short.
    const text = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'invalid input';
    const message = text.length > 300 ? `${text.slice(0, 297)}...` : text;
    return fail('invalid_input', message, field ? { field } : {});
  }
  return { ok: true, name, input: parsed.data };
}

function failure(ctx: CoreContext, name: string, error: unknown): Result<never> {
  if (ctx.db.inTransaction) {
    // better-sqlite3 rolls back a failed transaction function; this guards anything else.
    ctx.db.exec('ROLLBACK');
  }
  if (error instanceof DomainError) {
    // The code only: a refusal's message may quote what was typed.
    log.info(`operation ${name} refused: ${error.error.code}`);
    // A wrong PIN is counted towards the lockout and audited, after the operation rolled back.
    if (wrongPinCodes.includes(error.error.code))
      return { ok: false, error: recordWrongPin(ctx, name, error.error) };
    return { ok: false, error: error.error };
  }
  log.error(`operation ${name} failed`, { error: String(error) });
  return fail('internal', 'Something went wrong inside the terminal. Nothing was saved.');
}

const isAsync = (name: OperationName): name is AsyncOperationName => name in asyncHandlers;

/**
 * The single door into the core. Input is unknown until the contract's schema parses it; every
 * failure comes back as a value, and nothing half-writes because each handler's writes are one
 * transaction. This door is synchronous: the sale path never waits on anything.
 */
export function createDispatch(ctx: CoreContext): Dispatch {
  return (name, input, caller = tillCaller) => {
    const parsed = parse(name, input);
    if (!parsed.ok) return parsed;
    if (isAsync(parsed.name)) {
      return fail('internal', `${parsed.name} awaits; call it through dispatchAsync.`);
    }
    try {
      const access = contract[parsed.name].access;
      checkCaller(ctx, caller, parsed.name, access, parsed.input);
      checkAccess(ctx, access, parsed.input);
      const handler = handlers[parsed.name] as Handler<SyncOperationName>;
      // The customer answers on the display: recorded under the sale's member, then the display
      // thanks them and stops asking.
      const answering = caller.kind !== 'till' && parsed.name === 'feedback.record';
      const run = () =>
        handler(
          ctx,
          (answering ? answerFromDisplay(ctx.display, parsed.input) : parsed.input) as never,
        );
      const value = staffWritesFlushedSoon.has(parsed.name) ? withFlushSoon(ctx.db, run) : run();
      if (answering) closeQuestion(ctx.display);
      return ok(value);
    } catch (error) {
      return failure(ctx, parsed.name, error);
    } finally {
      forgetApproval(ctx.db);
    }
  };
}

/** The same door for IPC and HTTP, which may also call the operations that await head office. */
export function createDispatchAsync(ctx: CoreContext, dispatch: Dispatch): DispatchAsync {
  return async (name, input, caller = tillCaller) => {
    const parsed = parse(name, input);
    if (!parsed.ok) return parsed;
    if (!isAsync(parsed.name)) return dispatch(name, input, caller);
    try {
      checkCaller(ctx, caller, parsed.name, contract[parsed.name].access, parsed.input);
      checkAccess(ctx, contract[parsed.name].access, parsed.input);
      // The approval is checked here; an async handler must not count on it across an await.
      forgetApproval(ctx.db);
      const handler = asyncHandlers[parsed.name] as AsyncHandler<AsyncOperationName>;
      return ok(await handler(ctx, parsed.input as never));
    } catch (error) {
      return failure(ctx, parsed.name, error);
    }
  };
}
