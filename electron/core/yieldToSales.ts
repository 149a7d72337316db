/**
 * Lets whatever is waiting on the event loop (a sale, above all) run before the next step of
 * background work: the sync worker's and the loyalty catch-up's.
 */
export const yieldToSales = (): Promise<void> =>
  new Promise<void>((resolve) => setImmediate(resolve));
