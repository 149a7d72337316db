import { intlLocale } from '../../../shared/locale';
import { DateField } from '../../src/components/DateField';
import { useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';

/**
 * A calendar day typed the shop's way in the admin's language (DateField), never the browser's
 * own date picker, which follows the computer's language (mm/dd/yyyy on a US machine).
 * onChange gets "YYYY-MM-DD", '' when empty, or null while the text is not a date.
 */
export function OfficeDateField(props: {
  label: string;
  value: string;
  onChange: (value: string | null) => void;
}) {
  const t = useOfficeT();
  const locale = useOfficeStore((s) => s.locale);
  return (
    <DateField
      label={props.label}
      value={props.value}
      onChange={props.onChange}
      locale={intlLocale(locale)}
      partLetters={{ year: t('date.year'), month: t('date.month'), day: t('date.day') }}
      invalidText={(format) => t('date.invalid', { format })}
    />
  );
}
