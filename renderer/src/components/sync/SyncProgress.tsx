import { useFormat, useT } from '../../i18n/useT';

/** How much of a long catch-up head office has taken so far (0..1). */
export function SyncProgress({ value }: { value: number }) {
  const t = useT();
  const format = useFormat();
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      className="sync-progress"
      role="progressbar"
      aria-label={t('status.sending')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={format.percent(percent)}
    >
      <div className="sync-progress-done" style={{ width: `${percent}%` }} />
    </div>
  );
}
