import type { MessageKey, MessageParams } from '../../../shared/i18n';
import type { ConnectionStatus, SyncErrorCode } from '../../../shared/domain';
import type { Formatters } from '../i18n/useT';

type Translate = (key: MessageKey, params?: MessageParams) => string;

const MINUTE = 60_000;

/** "Online · 3 changes waiting": what a glance at the top bar must tell. */
export function connectionText(t: Translate, format: Formatters, status: ConnectionStatus): string {
  const count = status.pendingChanges;
  if (count === 1) return t(status.online ? 'status.onlineOne' : 'status.offlineOne');
  return t(status.online ? 'status.online' : 'status.offline', { count: format.number(count) });
}

/**
 * How long ago head office last took this terminal's changes: minutes while it is recent, then the
 * time of day, then the date and time once it was another day. `now` is when the status was read.
 */
export function syncAgeText(
  t: Translate,
  format: Formatters,
  status: ConnectionStatus,
  now: number,
): string {
  if (!status.enrolled) return t('status.notEnrolled');
  if (!status.lastSuccessAt) return t('status.neverSynced');
  const age = Math.max(0, now - new Date(status.lastSuccessAt).getTime());
  if (age < MINUTE) return t('status.syncedJustNow');
  if (age < 60 * MINUTE) return t('status.syncedMinutes', { minutes: Math.floor(age / MINUTE) });
  // The time of day alone would read as today's: an older sync says its date as well.
  const sameDay = format.day(status.lastSuccessAt) === format.day(new Date(now).toISOString());
  const time = sameDay ? format.time(status.lastSuccessAt) : format.dateTime(status.lastSuccessAt);
  return t('status.syncedAt', { time });
}

/** The core reports what kind of failure it was; the cashier reads what it means. */
export function syncErrorKey(code: SyncErrorCode | null): MessageKey {
  switch (code) {
    case 'refused':
      return 'status.error.refused';
    case 'server_trouble':
      return 'status.error.serverTrouble';
    case 'rejected':
      return 'status.error.rejected';
    case 'unreadable':
      return 'status.error.unreadable';
    case 'unreachable':
    case null:
      return 'status.error.unreachable';
    default: {
      const never: never = code;
      return never;
    }
  }
}

/** Whole minutes the terminal's clock is off from head office's, for the clock warning. */
export function clockOffMinutes(status: ConnectionStatus): number {
  return Math.max(1, Math.round(Math.abs(status.clockOffsetMs) / MINUTE));
}
