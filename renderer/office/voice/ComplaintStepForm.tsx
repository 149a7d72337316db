import { useState, type FormEvent } from 'react';
import type { ComplaintDetail } from '../../../shared/office/complaints';
import { complaintStepAllowed } from '../../../shared/rules/complaint';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeT } from '../i18n/useOfficeT';
import { officeSteps, stepLabel, type OfficeStep } from './complaintWords';

/**
 * Head office's step on a complaint through complaints.step: assign (to whom), respond, resolve
 * or reopen, with a note. Only the steps that apply to the complaint as it stands are offered
 * (the rule the till and head office check); a refusal is shown and the complaint stays as it was.
 */
export function ComplaintStepForm(props: {
  complaint: ComplaintDetail;
  onStepped(detail: ComplaintDetail): void;
}) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const allowed = officeSteps.filter((s) => complaintStepAllowed(props.complaint.complaint, s));
  const [picked, setStep] = useState<OfficeStep>('responded');
  // After a step the complaint has moved on: what was picked may no longer apply.
  const step = allowed.includes(picked) ? picked : (allowed[0] ?? picked);
  const [note, setNote] = useState('');
  const [assignee, setAssignee] = useState('');
  const [error, setError] = useState<OfficeError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await call('complaints.step', {
      params: { id: props.complaint.complaint.id },
      body: { step, note, ...(step === 'assigned' ? { assignee } : {}) },
    });
    setBusy(false);
    setError(result.ok ? null : result.error);
    setSaved(result.ok);
    if (result.ok) {
      setNote('');
      setAssignee('');
      props.onStepped(result.value);
    }
  }

  return (
    <form className="field-grid voice-step" onSubmit={(event) => void save(event)}>
      <label>
        {t('office.voice.step')}
        <select
          value={step}
          onChange={(e) => setStep(allowed.find((s) => s === e.target.value) ?? step)}
        >
          {allowed.map((s) => (
            <option key={s} value={s}>
              {t(stepLabel(s))}
            </option>
          ))}
        </select>
      </label>
      {step === 'assigned' && (
        <label>
          {t('office.voice.assignee')}
          <input
            value={assignee}
            maxLength={80}
            required
            onChange={(e) => setAssignee(e.target.value)}
          />
        </label>
      )}
      <label className="office-wide">
        {t('office.voice.note')}
        <textarea
          value={note}
          maxLength={1000}
          rows={3}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="office-wide">
        <button type="submit" className="primary" disabled={busy}>
          {t('office.voice.save')}
        </button>
      </div>
      <ErrorNotice error={error} />
      {saved && !error && (
        <p role="status" className="hint office-wide">
          {t('office.voice.saved')}
        </p>
      )}
    </form>
  );
}
