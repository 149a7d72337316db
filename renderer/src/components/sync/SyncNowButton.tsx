import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';

/**
 * Pushes and pulls now, so nobody waits out the worker's backoff after head office is back.
 * `short` is the top bar's form: "Sync" on screen to keep the bar on one row, "Sync now" as
 * its name (the visible word stays part of the name, so voice control finds it).
 */
export function SyncNowButton({ short = false }: { short?: boolean }) {
  const t = useT();
  const syncing = useAppStore((s) => s.syncing);
  const syncNow = useAppStore((s) => s.syncNow);
  return (
    <button
      type="button"
      className={short ? 'sync-now' : 'primary'}
      aria-label={short ? t(syncing ? 'status.syncing' : 'status.syncNow') : undefined}
      // aria-disabled keeps focus on the button while the run finishes (disabled would drop it).
      aria-disabled={syncing}
      aria-busy={syncing}
      onClick={() => {
        if (!syncing) void syncNow();
      }}
    >
      {/* The short form keeps its width while busy, so the top bar does not jump. */}
      {short ? t('status.syncShort') : t(syncing ? 'status.syncing' : 'status.syncNow')}
    </button>
  );
}
