import { useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n/useT';
import type { ComplaintView } from '../../../../shared/api/complaint';
import type { AppError } from '../../../../shared/result';
import {
  complaintCategories,
  complaintSeverities,
  type ComplaintCategory,
  type ComplaintSeverity,
} from '../../../../shared/rules/complaint';
import { FieldError } from '../FieldError';
import { TicketSlip } from './TicketSlip';

/**
 * Logging a complaint in under 30 seconds: category and severity are one click each, the member
 * (or a walk-in's name and contact) comes from where the cashier started, and the ticket slip is
 * ready to print as soon as it is saved.
 */
export function ComplaintForm({
  member,
  saleId,
  onLogged,
}: {
  member: { id: string; name: string } | null;
  saleId: string | null;
  /** Told once the complaint is saved (a list showing complaints reloads). */
  onLogged?: (complaint: ComplaintView) => void;
}) {
  const t = useT();
  const [contactName, setContactName] = useState('');
  const [contact, setContact] = useState('');
  const [consent, setConsent] = useState(false);
  const [category, setCategory] = useState<ComplaintCategory>('service');
  const [severity, setSeverity] = useState<ComplaintSeverity>('medium');
  const [whatHappened, setWhatHappened] = useState('');
  const [wants, setWants] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [logged, setLogged] = useState<ComplaintView | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const result = await api.invoke('complaint.log', {
      memberId: member?.id ?? null,
      contactName: member ? null : contactName,
      contact: member ? null : contact || null,
      consentToContact: consent,
      category,
      severity,
      saleIds: saleId ? [saleId] : [],
      whatHappened,
      customerWants: wants,
    });
    setBusy(false);
    if (result.ok) {
      setLogged(result.value);
      onLogged?.(result.value);
    } else setError(result.error);
  }

  if (logged) return <TicketSlip complaint={logged} />;

  return (
    <form className="card form complaint-form" onSubmit={submit} aria-labelledby="complaint-title">
      <h2 id="complaint-title">{t('complaint.log')}</h2>
      {member ? (
        <p>{t('complaint.forMember', { name: member.name })}</p>
      ) : (
        <div className="row">
          <label>
            {t('complaint.walkIn.name')}
            <input
              value={contactName}
              onChange={(e) => setContactName(e.target.value)}
              maxLength={60}
            />
          </label>
          <label>
            {t('complaint.walkIn.contact')}
            <input value={contact} onChange={(e) => setContact(e.target.value)} maxLength={80} />
          </label>
        </div>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} />
        {t('complaint.consentToContact')}
      </label>
      <fieldset>
        <legend>{t('complaint.category')}</legend>
        {complaintCategories.map((c) => (
          <button
            key={c}
            type="button"
            className={category === c ? 'chip active' : 'chip'}
            aria-pressed={category === c}
            onClick={() => setCategory(c)}
          >
            {t(`complaint.category.${c}`)}
          </button>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('complaint.severity')}</legend>
        {complaintSeverities.map((s) => (
          <button
            key={s}
            type="button"
            className={severity === s ? 'chip active' : 'chip'}
            aria-pressed={severity === s}
            onClick={() => setSeverity(s)}
          >
            {t(`complaint.severity.${s}`)}
          </button>
        ))}
      </fieldset>
      <label>
        {t('complaint.whatHappened')}
        <textarea
          value={whatHappened}
          onChange={(e) => setWhatHappened(e.target.value)}
          maxLength={1000}
          rows={3}
        />
      </label>
      <label>
        {t('complaint.customerWants')}
        <textarea
          value={wants}
          onChange={(e) => setWants(e.target.value)}
          maxLength={500}
          rows={2}
        />
      </label>
      <FieldError error={error} />
      <button
        type="submit"
        className="primary"
        disabled={busy || whatHappened.trim() === '' || (!member && contactName.trim() === '')}
      >
        {t('complaint.save')}
      </button>
    </form>
  );
}
