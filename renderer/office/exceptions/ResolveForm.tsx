import { useState, type FormEvent } from 'react';
import type { OfficeError } from '../api/officeApi';
import type { ExceptionView, Resolution } from '../../../shared/office/exceptions';
import { useOfficeApi } from '../api/useOfficeApi';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeT } from '../i18n/useOfficeT';
import { resolutionHint, resolutionLabel } from './resolutionWords';

/** The decisions that fit this exception, a note for the record, and a confirmation. */
export function ResolveForm(props: {
  exception: ExceptionView;
  onResolved: (resolved: ExceptionView) => void;
}) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const allowed = props.exception.allowedResolutions;
  const [resolution, setResolution] = useState<Resolution | null>(
    allowed.length === 1 ? (allowed[0] ?? null) : null,
  );
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<OfficeError | null>(null);

  function ask(event: FormEvent) {
    event.preventDefault();
    if (resolution && note.trim()) setConfirming(true);
  }

  async function resolve() {
    setConfirming(false);
    if (!resolution) return;
    const result = await call('exceptions.resolve', {
      params: { id: props.exception.id },
      body: { resolution, note: note.trim() },
    });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    props.onResolved(result.value);
  }

  return (
    <form className="form" onSubmit={ask}>
      <fieldset className="policy-choice">
        <legend>{t('office.exceptions.decide')}</legend>
        {allowed.map((option) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name="resolution"
              value={option}
              checked={resolution === option}
              onChange={() => setResolution(option)}
            />
            <span>
              <strong>{t(resolutionLabel[option])}</strong>
              <span className="hint"> {t(resolutionHint[option])}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label>
        {t('office.exceptions.note')}
        <textarea
          value={note}
          maxLength={2000}
          rows={2}
          onChange={(event) => setNote(event.target.value)}
          required
        />
      </label>
      <ErrorNotice error={error} />
      <button type="submit" className="primary" disabled={!resolution || !note.trim()}>
        {t('office.exceptions.resolve')}
      </button>
      {confirming && resolution && (
        <ConfirmDialog
          title={t('office.exceptions.confirmTitle', {
            resolution: t(resolutionLabel[resolution]),
            number: props.exception.number,
          })}
          confirmLabel={t(resolutionLabel[resolution])}
          onConfirm={() => void resolve()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t(resolutionHint[resolution])}</p>
          <p className="hint">{t('office.exceptions.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
