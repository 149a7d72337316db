import { useCallback, useEffect, useState } from 'react';
import type { AuditEntryView, StaffMember } from '../../../../shared/staff';
import type { AppError } from '../../../../shared/result';
import type { ApiInput } from '../../../../shared/api';
import { businessDayRange } from '../../../../shared/rules/businessDay';
import { api } from '../../api';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';
import { useApprovalPin } from '../staff/useApprovalPin';
import { AuditEntryCard } from './AuditEntryCard';
import { AuditFilters, type AuditFilterValues } from './AuditFilters';

const PAGE = 25;

/** The audit trail for a manager: filters, newest first, "older" loads the next page. */
export function AuditSearch() {
  const t = useT();
  const timeZone = useAppStore((s) => s.terminal?.timeZone ?? 'UTC');
  const managerPin = useApprovalPin('audit');
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [actions, setActions] = useState<string[]>([]);
  const [query, setQuery] = useState<ApiInput<'audit.search'>>({});
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const fetchPage = useCallback(
    (q: ApiInput<'audit.search'>, beforeNo?: number) =>
      api.invoke('audit.search', {
        ...q,
        limit: PAGE,
        ...(beforeNo ? { beforeNo } : {}),
        ...(managerPin ? { managerPin } : {}),
      }),
    [managerPin],
  );

  function show(result: Awaited<ReturnType<typeof fetchPage>>, appending: boolean) {
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setEntries((old) => (appending ? [...old, ...result.value.entries] : result.value.entries));
    setNext(result.value.nextBeforeNo);
  }

  const run = (q: ApiInput<'audit.search'>, beforeNo?: number) =>
    void fetchPage(q, beforeNo).then((result) => show(result, beforeNo !== undefined));

  useEffect(() => {
    void api.invoke('staff.list', { includeDeactivated: true }).then((r) => {
      if (r.ok) setStaff(r.value);
    });
    void api.invoke('audit.actions', managerPin ? { managerPin } : {}).then((r) => {
      if (r.ok) setActions(r.value);
    });
    void fetchPage({}).then((result) => {
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setEntries(result.value.entries);
      setNext(result.value.nextBeforeNo);
    });
  }, [fetchPage, managerPin]);

  function search(filters: AuditFilterValues) {
    const q: ApiInput<'audit.search'> = {
      ...(filters.from ? { from: businessDayRange(filters.from, timeZone, 0).startIso } : {}),
      ...(filters.to ? { to: businessDayRange(filters.to, timeZone, 0).endIso } : {}),
      ...(filters.staffId ? { staffId: filters.staffId } : {}),
      ...(filters.action ? { action: filters.action } : {}),
      ...(filters.subject.trim() ? { subject: filters.subject } : {}),
      ...(filters.text.trim() ? { text: filters.text } : {}),
    };
    setQuery(q);
    run(q);
  }

  return (
    <>
      <AuditFilters staff={staff} actions={actions} onSearch={search} />
      <FieldError error={error} />
      <p className="hint" role="status">
        {entries.length === 0 ? t('audit.none') : t('audit.count', { count: entries.length })}
      </p>
      <ol className="audit-list" aria-label={t('audit.results')}>
        {entries.map((entry) => (
          <AuditEntryCard key={entry.id} entry={entry} />
        ))}
      </ol>
      {next !== null && (
        <button type="button" onClick={() => run(query, next)}>
          {t('audit.older')}
        </button>
      )}
    </>
  );
}
