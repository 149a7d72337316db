import { z } from 'zod';
import { asyncOperation, operation } from './operation';
import { pin, requiredText } from './fields';
import type { BackupSettingsView, BackupSummary, RecoveryStatus, RestoreResult } from '../backup';

const folder = requiredText(1000);

/** Backups (manager's) and the way back from a damaged ledger. */
export const backupOperations = {
  'backup.settings': operation<BackupSettingsView>()(
    z.strictObject({ managerPin: pin.optional() }),
    'manager',
  ),
  /** A folder the manager chooses (a USB stick, a share; null: the data folder's own) and how often. */
  'backup.configure': operation<BackupSettingsView>()(
    z.strictObject({
      folder: folder.nullable(),
      everyHours: z.number().int().min(0).max(168),
      managerPin: pin.optional(),
    }),
    'manager',
  ),
  'backup.now': asyncOperation<BackupSummary>()(
    z.strictObject({ managerPin: pin.optional() }),
    'manager',
  ),
  /**
   * Whether the terminal is in use or recovering. Anyone: with the ledger unusable nobody can sign
   * in, and the screen must say why.
   */
  'recovery.status': operation<RecoveryStatus>()(z.strictObject({}), 'anyone'),
  /**
   * Restores a verified backup listed by recovery.status, then brings back from head office what
   * it already has. Anyone, for the same reason: it is offered only while the ledger is unusable.
   */
  'recovery.restore': asyncOperation<RestoreResult>()(
    z.strictObject({ file: z.string().regex(/^ledger-[0-9TZ-]+-[a-z_]+\.sqlite3$/) }),
    'anyone',
  ),
  /** Tries head office again after a restore. */
  'recovery.resync': asyncOperation<RestoreResult>()(z.strictObject({}), 'anyone'),
};
