import type { ComplaintRow } from '../../../shared/office/complaints';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { categoryLabel, severityLabel, statusLabel } from './complaintWords';

/** A queue row's facts in one line: status, severity, category, store, when, and a breach. */
export function ComplaintRowFacts(props: { complaint: ComplaintRow; storeName: string }) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const c = props.complaint;
  return (
    <span className="voice-row-facts">
      {t(statusLabel(c.status))} · {t(severityLabel(c.severity))} · {t(categoryLabel(c.category))} ·{' '}
      {props.storeName} · {t('office.voice.opened', { when: format.dateTime(c.openedAt) })}
      {c.breached && <strong className="overdue-badge"> {t('complaint.breached')}</strong>}
    </span>
  );
}
