import { useState } from 'react';
import type { EnrollmentCodeView } from '../../../shared/office/stores';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';

/** A new one-time code: shown this once (head office keeps only its hash), with a copy button. */
export function EnrollmentCodePanel({
  code,
  onDone,
}: {
  code: EnrollmentCodeView;
  onDone: () => void;
}) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(code.code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <section className="card office-code" aria-labelledby="code-title">
      <h2 id="code-title">{t('office.code.title', { store: code.storeName })}</h2>
      <p className="office-code-value" data-testid="enrollment-code">
        {code.code}
      </p>
      <p className="hint">{t('office.code.once', { expires: format.dateTime(code.expiresAt) })}</p>
      <div className="row">
        <button type="button" onClick={() => void copy()}>
          {copied ? t('office.code.copied') : t('office.code.copy')}
        </button>
        <button type="button" onClick={onDone}>
          {t('office.code.done')}
        </button>
      </div>
    </section>
  );
}
