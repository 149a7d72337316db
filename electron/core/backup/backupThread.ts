import { parentPort, workerData } from 'node:worker_threads';
import { verifyBackupFile, type VerifyRequest } from './verifyBackup';

/**
 * The backup check's thread (see backupRunner.ts): one verification, then it ends. An integrity
 * check reads every page of the copy, which on a year's ledger takes seconds; here no sale
 * waits for it.
 */
export type VerifyAnswer =
  | { facts: Awaited<ReturnType<typeof verifyBackupFile>> }
  | { error: string; verification: boolean };

const request = workerData as VerifyRequest;
verifyBackupFile(request).then(
  (facts) => parentPort?.postMessage({ facts } satisfies VerifyAnswer),
  (error: unknown) =>
    parentPort?.postMessage({
      error: error instanceof Error ? error.message : String(error),
      verification: error instanceof Error && error.name === 'BackupVerificationError',
    } satisfies VerifyAnswer),
);
