import { useT } from '../../i18n/useT';
import { PinInput } from './PinInput';

/**
 * The one manager-PIN input: the same label, digits only, never remembered by the browser. Every
 * override (points adjustment, refund over the limit, offline redemption, manager screens) uses it.
 */
export function ManagerPinField({
  value,
  onChange,
  autoFocus = false,
  describedBy,
  invalid = false,
}: {
  value: string;
  onChange: (pin: string) => void;
  autoFocus?: boolean;
  describedBy?: string;
  invalid?: boolean;
}) {
  const t = useT();
  return (
    <label>
      {t('settings.managerPin')}
      <PinInput
        value={value}
        onPin={onChange}
        autoComplete="off"
        maxLength={8}
        // The manager came to the till to type it: the field is ready for them.
        autoFocus={autoFocus}
        aria-describedby={describedBy}
        aria-invalid={invalid}
      />
    </label>
  );
}
