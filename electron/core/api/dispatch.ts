import { contract, isOperationName, type OperationName } from '../../../shared/api';
import { DomainError, fail, ok, type Result } from '../../../shared/result';
import type { CoreContext } from '../context';
import { createLogger } from '../logger';
import { memberHandlers } from '../members/memberHandlers';
import { saleHandlers } from '../sales/saleHandlers';
import { terminalHandlers } from '../terminal/terminalHandlers';
import { loyaltyHandlers } from '../loyalty/loyaltyHandlers';
import type { Handler } from './handler';

const log = createLogger('api');

type AllHandlers = { [K in OperationName]: Handler<K> };

function mergeHandlers(...maps: Record<string, unknown>[]): AllHandlers {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (name in merged) throw new Error(`handler registered twice: ${name}`);
      merged[name] = handler;
    }
  }
  return merged as AllHandlers;
}

/** Every operation in the contract has exactly one handler; the type checker enforces "every". */
export const handlers: AllHandlers = mergeHandlers(
  terminalHandlers,
  memberHandlers,
  saleHandlers,
  loyaltyHandlers,
);

export type Dispatch = (name: string, input: unknown) => Result<unknown>;

/**
 * The single door into the core, shared by IPC and the HTTP host. Input is unknown until the
 * contract's schema parses it; every failure comes back as a value, and nothing half-writes
 * because each handler's writes are one transaction.
 */
export function createDispatch(ctx: CoreContext): Dispatch {
  return (name, input) => {
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
      const message = issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'invalid input';
      // Messages can quote input (an unknown key); keep them log-sized whatever was sent.
      return fail('invalid_input', message.slice(0, 300), field ? { field } : {});
    }
    try {
      const handler = handlers[name] as Handler<OperationName>;
      return ok(handler(ctx, parsed.data as never));
    } catch (error) {
      if (ctx.db.inTransaction) {
        // better-sqlite3 rolls back a failed transaction function; this guards anything else.
        ctx.db.exec('ROLLBACK');
      }
      if (error instanceof DomainError) return { ok: false, error: error.error };
      log.error(`operation ${name} failed`, { error: String(error) });
      return fail('internal', 'Something went wrong inside the terminal. Nothing was saved.');
    }
  };
}
