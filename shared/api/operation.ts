import type { z } from 'zod';

/**
 * One API operation: the schema that parses its input, and (as a type only) its output.
 * Domains declare theirs next to each other; `mergeOperations` joins them into the contract.
 */
export interface Operation<In extends z.ZodType, Out> {
  input: In;
  /** Phantom: carries the output type, never read at run time. */
  output?: Out;
}

export function operation<Out>() {
  return <In extends z.ZodType>(input: In): Operation<In, Out> => ({ input });
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
