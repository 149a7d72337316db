import type { backupOperations } from '../../../shared/api/backup';
import { DomainError } from '../../../shared/result';
import type { AsyncHandlerMap, HandlerMap } from '../api/handler';
import type { CoreContext } from '../context';
import type { BackupServices } from './backupService';
import { summaryOf } from './backupService';

type Names = keyof typeof backupOperations;
type AsyncNames = 'backup.now' | 'recovery.restore' | 'recovery.resync';

function backupsOf(ctx: CoreContext): BackupServices {
  if (!ctx.backups) throw new DomainError('backup_failed', 'Backups are not set up on this core.');
  return ctx.backups;
}

const inUse = () =>
  new DomainError(
    'ledger_in_use',
    'The ledger is sound: there is nothing to restore. IT can restore one with npm run restore.',
  );

/** A ledger in use answers the recovery operations too: it is ready, with nothing to restore. */
export const backupHandlers: HandlerMap<Exclude<Names, AsyncNames>> = {
  'backup.settings': (ctx) => backupsOf(ctx).view(),
  'backup.configure': (ctx, input) =>
    backupsOf(ctx).configure({ folder: input.folder, everyHours: input.everyHours }),
  'recovery.status': () => ({ state: 'ready' }),
};

export const backupAsyncHandlers: AsyncHandlerMap<AsyncNames> = {
  'backup.now': async (ctx) => {
    try {
      return summaryOf(await backupsOf(ctx).runNow('manual'));
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw new DomainError(
        'backup_failed',
        `The backup failed: ${error instanceof Error ? error.message : String(error)}`.slice(
          0,
          500,
        ),
      );
    }
  },
  'recovery.restore': () => Promise.reject(inUse()),
  'recovery.resync': () => Promise.reject(inUse()),
};
