import { useT } from '../../i18n/useT';
import { useShopDates } from '../../i18n/useShopDates';
import { DateField } from '../DateField';

/**
 * A member's birthday, typed the shop's way (31/12/1990 in Hong Kong). The value is
 * "YYYY-MM-DD", "" for none, or null while what is typed is not a date.
 */
export function BirthdayField({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string | null) => void;
}) {
  const t = useT();
  const dates = useShopDates();
  return (
    <DateField
      label={t('enroll.birthday')}
      value={value}
      onChange={onChange}
      {...dates}
      invalidText={(format) => t('date.invalid', { format })}
    />
  );
}
