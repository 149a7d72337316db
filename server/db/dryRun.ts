import type { Database, Transaction } from './database';

/** Thrown at the end of a dry run to roll its transaction back, carrying the answer out. */
class DryRunDone<T> extends Error {
  constructor(readonly answer: T) {
    super('dry run rolled back');
  }
}

/**
 * Runs `work` in one transaction: committed, or for a dry run rolled back once it has answered.
 * An import's preview is the import itself, undone: what it reports is what the import would do.
 */
export async function dryRunnable<T>(
  db: Database,
  dryRun: boolean,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      const answer = await work(tx);
      if (dryRun) throw new DryRunDone(answer);
      return answer;
    });
  } catch (error) {
    if (error instanceof DryRunDone) return error.answer as T;
    throw error;
  }
}
