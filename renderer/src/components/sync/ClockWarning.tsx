import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { clockOffMinutes } from '../../sync/syncWords';

/** A clock far from head office's pauses offline redemption; the cashier must know why. */
export function ClockWarning() {
  const t = useT();
  const format = useFormat();
  const status = useAppStore((s) => s.status);
  if (!status?.clockWarning) return null;
  return (
    <p className="clock-warning" role="alert" data-testid="clock-warning">
      {t('status.clockWarning', { minutes: format.number(clockOffMinutes(status)) })}
    </p>
  );
}
