import type { z } from 'zod';

/**
 * Who may call an operation; the core's dispatch enforces it before the handler runs (the screens
 * only mirror it):
 * - `anyone`: nobody need be signed in (setting up, the lock screen, the status badge);
 * - `cashier`: someone is signed in;
 * - `manager`: a manager is signed in, or a cashier is and the input carries a manager's PIN
 *   typed on the spot (`managerPin`);
 * - `display`: what a paired customer display may read (the till may too);
 * - `pairing`: a display not yet paired redeems the till's code (the one call it can make).
 */
export const accessLevels = ['anyone', 'cashier', 'manager', 'display', 'pairing'] as const;
export type Access = (typeof accessLevels)[number];

/**
 * One API operation: the schema that parses its input, who may call it, and (as a type only) its
 * output. Domains declare theirs next to each other; `mergeOperations` joins them into the
 * contract. The access is required: an operation cannot be declared without one.
 */
export interface Operation<In extends z.ZodType, Out> {
  input: In;
  access: Access;
  /** Set when the handler awaits (head office, a worker thread): only dispatchAsync calls it. */
  awaits?: true;
  /** Phantom: carries the output type, never read at run time. */
  output?: Out;
}

export function operation<Out>() {
  return <In extends z.ZodType>(input: In, access: Access): Operation<In, Out> => ({
    input,
    access,
  });
}

/**
 * An operation whose handler awaits something off the core's thread: head office, or work too
 * slow for the sale path (a PDF). The sale path never waits on one.
 */
export function asyncOperation<Out>() {
  return <In extends z.ZodType>(
    input: In,
    access: Access,
  ): Operation<In, Out> & { awaits: true } => ({ input, access, awaits: true });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOperations = Record<string, Operation<z.ZodType, any>>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

/** Joins per-domain maps; the same operation name in two domains is a programming error. */
export function mergeOperations<Maps extends AnyOperations[]>(
  ...maps: Maps
): UnionToIntersection<Maps[number]> {
  const merged: AnyOperations = {};
  for (const map of maps) {
    for (const [name, op] of Object.entries(map)) {
      if (name in merged) throw new Error(`API operation registered twice: ${name}`);
      merged[name] = op;
    }
  }
  return merged as UnionToIntersection<Maps[number]>;
}
