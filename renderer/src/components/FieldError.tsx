import type { AppError } from '../../../shared/result';
import { useErrorText } from '../i18n/useT';

/** A refusal from the core, in the cashier's language, announced to screen readers. */
export function FieldError({ error, id }: { error: AppError | null; id?: string }) {
  const errorText = useErrorText();
  if (!error) return null;
  return (
    <p className="field-error" role="alert" id={id}>
      {errorText(error)}
    </p>
  );
}
