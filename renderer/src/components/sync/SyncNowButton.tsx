import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';

/** Pushes and pulls now, so nobody waits out the worker's backoff after head office is back. */
export function SyncNowButton({ className = 'sync-now' }: { className?: string }) {
  const t = useT();
  const syncing = useAppStore((s) => s.syncing);
  const syncNow = useAppStore((s) => s.syncNow);
  return (
    <button
      type="button"
      className={className}
      // aria-disabled keeps focus on the button while the run finishes (disabled would drop it).
      aria-disabled={syncing}
      onClick={() => {
        if (!syncing) void syncNow();
      }}
    >
      {syncing ? t('status.syncing') : t('status.syncNow')}
    </button>
  );
}
