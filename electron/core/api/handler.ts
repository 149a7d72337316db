import type { ApiOutput, OperationName, ParsedInput } from '../../../shared/api';
import type { CoreContext } from '../context';

/** A domain handler: parsed input in, plain value out; DomainError for business refusals. */
export type Handler<K extends OperationName> = (
  ctx: CoreContext,
  input: ParsedInput<K>,
) => ApiOutput<K>;

export type HandlerMap<K extends OperationName> = { [P in K]: Handler<P> };

/** A handler that waits on the network (head office). Never used on the sale path. */
export type AsyncHandler<K extends OperationName> = (
  ctx: CoreContext,
  input: ParsedInput<K>,
) => Promise<ApiOutput<K>>;

export type AsyncHandlerMap<K extends OperationName> = { [P in K]: AsyncHandler<P> };
