import type { AuditEntryView } from '../../../../shared/staff';
import { catalogs, type MessageKey } from '../../../../shared/i18n';
import { useFormat, useT } from '../../i18n/useT';
import { AuditChanges } from './AuditChanges';

const isKey = (key: string): key is MessageKey =>
  Object.prototype.hasOwnProperty.call(catalogs.en, key);

/** One audit row: what, when, who (and who approved), on which terminal, before and after. */
export function AuditEntryCard({ entry }: { entry: AuditEntryView }) {
  const t = useT();
  const format = useFormat();
  const actionKey = `audit.action.${entry.action}`;
  const subjectKey = `audit.subject.${entry.subjectType}`;
  const subjectType = isKey(subjectKey) ? t(subjectKey) : entry.subjectType;
  return (
    <li className="card audit-entry">
      <h2>
        {isKey(actionKey) ? t(actionKey) : entry.action}{' '}
        <time dateTime={entry.createdAt}>{format.dateTime(entry.createdAt)}</time>
      </h2>
      <p>
        {t('audit.by', { name: entry.staffName })}
        {entry.approvedByName && entry.approvedById !== entry.staffId
          ? ` · ${t('audit.approvedBy', { name: entry.approvedByName })}`
          : ''}
        {' · '}
        {t('audit.terminal', { name: entry.terminalName ?? entry.terminalId.slice(-12) })}
      </p>
      <p className="hint">
        {entry.subjectLabel ?? `${subjectType} ${entry.subjectId}`}
        {entry.reason ? ` · ${t('audit.reason', { reason: entry.reason })}` : ''}
      </p>
      {entry.before?.length === 0 && entry.after?.length === 0 ? (
        <p className="hint">{t('audit.noChange')}</p>
      ) : (
        <div className="row">
          <AuditChanges label={t('audit.before')} fields={entry.before} />
          <AuditChanges label={t('audit.after')} fields={entry.after} />
        </div>
      )}
    </li>
  );
}
