import { useId } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { normalisePhone } from '../../../../shared/phone';

/** A member's phone, checked as typed against the shop's country (or a +country code). */
export function PhoneField({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useT();
  const hintId = useId();
  const phoneCountry = useAppStore((s) => s.terminal?.phoneCountry ?? 'HK');
  const valid = value.trim() === '' || normalisePhone(value, phoneCountry) !== null;
  return (
    <>
      <label>
        {t('enroll.phone')}
        <input
          value={value}
          onChange={(e) => onChange(e.target.value)}
          required
          inputMode="tel"
          maxLength={32}
          aria-invalid={!valid}
          aria-describedby={hintId}
        />
      </label>
      <p className={valid ? 'hint' : 'field-error'} id={hintId}>
        {valid
          ? t('enroll.phoneHint', { country: t(`country.${phoneCountry}`) })
          : t('error.invalid_phone')}
      </p>
    </>
  );
}
