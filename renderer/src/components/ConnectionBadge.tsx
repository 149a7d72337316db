import { useAppStore } from '../store';
import { useFormat, useT } from '../i18n/useT';

/** Always visible: whether head office is reachable and how many changes wait to be sent. */
export function ConnectionBadge() {
  const t = useT();
  const format = useFormat();
  const status = useAppStore((s) => s.status);
  if (!status) return null;
  const pending = format.number(status.pendingChanges);
  return (
    <div
      className={status.online ? 'connection online' : 'connection offline'}
      role="status"
      aria-live="polite"
      data-testid="connection-status"
    >
      {status.online
        ? t('status.online', { count: pending })
        : t('status.offline', { count: pending })}
    </div>
  );
}
