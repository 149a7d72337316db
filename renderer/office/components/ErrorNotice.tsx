import type { OfficeError } from '../api/officeApi';
import { useOfficeErrorText } from '../i18n/useOfficeT';

/** A refusal from head office, in words, with head office's own message for the record. */
export function ErrorNotice({ error }: { error: OfficeError | null }) {
  const errorText = useOfficeErrorText();
  if (!error) return null;
  return (
    <p role="alert" className="field-error">
      {errorText(error)}
      {error.message && <span className="office-detail"> ({error.message})</span>}
    </p>
  );
}
