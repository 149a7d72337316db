import type { ComplaintDetail } from '../../../shared/office/complaints';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { ComplaintRowFacts } from './ComplaintRowFacts';
import { ComplaintStepForm } from './ComplaintStepForm';
import { eventLabel } from './complaintWords';

/** One complaint: what happened, what the customer wants, every event, and head office's step. */
export function ComplaintDetailCard(props: {
  detail: ComplaintDetail;
  storeName: string;
  onStepped(detail: ComplaintDetail): void;
}) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const { complaint, events } = props.detail;
  return (
    <section className="card" aria-labelledby="complaint-title">
      <h2 id="complaint-title">{t('complaint.ticket', { ticket: complaint.ticket })}</h2>
      <p>
        <ComplaintRowFacts complaint={complaint} storeName={props.storeName} />
      </p>
      <dl className="voice-facts">
        <dt>{t('office.voice.whatHappened')}</dt>
        <dd>{props.detail.whatHappened || '—'}</dd>
        <dt>{t('office.voice.customerWants')}</dt>
        <dd>{props.detail.customerWants || '—'}</dd>
        <dt>{t('complaint.dueFirst', { when: format.dateTime(complaint.firstResponseDueAt) })}</dt>
        <dd>{t('complaint.dueResolve', { when: format.dateTime(complaint.resolutionDueAt) })}</dd>
      </dl>
      <h3>{t('office.voice.history')}</h3>
      <ol className="office-history" aria-label={t('office.voice.history')}>
        {events.map((e) => (
          <li key={e.id}>
            <strong>{t(eventLabel(e.kind))}</strong> · {format.dateTime(e.at)}
            {e.origin === 'head_office' && ` · ${t('complaint.fromHeadOffice')}`}
            {e.assignee && ` → ${e.assignee}`}
            {e.goodwill &&
              ` · ${t('complaint.goodwill.points')} ${format.number(e.goodwill.points)}`}
            {e.note && <span className="office-detail"> — {e.note}</span>}
          </li>
        ))}
      </ol>
      <ComplaintStepForm key={complaint.id} complaint={props.detail} onStepped={props.onStepped} />
    </section>
  );
}
