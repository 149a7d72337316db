import type { AppError } from '../../../shared/result';
import { errorText, useT } from '../i18n/useT';

/** A refusal from the core, in the cashier's language, announced to screen readers. */
export function FieldError({ error, id }: { error: AppError | null; id?: string }) {
  const t = useT();
  if (!error) return null;
  return (
    <p className="field-error" role="alert" id={id}>
      {errorText(t, error)}
    </p>
  );
}
