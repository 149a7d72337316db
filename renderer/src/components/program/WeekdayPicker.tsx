import { useT } from '../../i18n/useT';
import type { MessageKey } from '../../../../shared/i18n';

const days = [1, 2, 3, 4, 5, 6, 7] as const;

/** ISO weekdays as toggles; none chosen means every day. */
export function WeekdayPicker({
  legend,
  value,
  onChange,
}: {
  legend: string;
  value: number[];
  onChange(value: number[]): void;
}) {
  const t = useT();
  return (
    <fieldset className="weekday-picker">
      <legend>{legend}</legend>
      {days.map((day) => {
        const on = value.includes(day);
        return (
          <label key={day} className="check">
            <input
              type="checkbox"
              checked={on}
              onChange={() => onChange(on ? value.filter((d) => d !== day) : [...value, day])}
            />
            {t(`weekday.${day}` as MessageKey)}
          </label>
        );
      })}
      <span className="hint">{t('program.promotions.everyDayHint')}</span>
    </fieldset>
  );
}
