import { useCallback, useState } from 'react';
import type { ComplaintDetail, ComplaintRow } from '../../../shared/office/complaints';
import {
  complaintCategories,
  complaintSeverities,
  complaintStatuses,
} from '../../../shared/rules/complaint';
import type { StoreView } from '../../../shared/office/stores';
import type { OfficeError } from '../api/officeApi';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeT } from '../i18n/useOfficeT';
import { ComplaintDetailCard } from './ComplaintDetailCard';
import { ComplaintFilters, noQueueFilter, type QueueFilter } from './ComplaintFilters';
import { ComplaintRowFacts } from './ComplaintRowFacts';

const pick = <T extends string>(options: readonly T[], value: string): T | undefined =>
  options.find((o) => o === value);

/** The complaints queue across stores, newest first; a chosen complaint opens beside it. */
export function ComplaintQueue(props: { stores: StoreView[] }) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [filter, setFilter] = useState<QueueFilter>(noQueueFilter);
  const [list, setList] = useState<ComplaintRow[] | null>(null);
  const [detail, setDetail] = useState<ComplaintDetail | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);
  const storeName = (id: string | null) =>
    props.stores.find((s) => s.id === id)?.name ?? (id ? id.slice(0, 8) : '—');

  const fetchList = useCallback(
    () =>
      call('complaints.list', {
        query: {
          status: pick([...complaintStatuses, 'unresolved'] as const, filter.status),
          severity: pick(complaintSeverities, filter.severity),
          category: pick(complaintCategories, filter.category),
          storeId: filter.storeId || undefined,
          breached: filter.breached ? 'true' : undefined,
          q: filter.q.trim() || undefined,
        },
      }),
    [call, filter],
  );
  const applyList = useCallback((result: Awaited<ReturnType<typeof fetchList>>) => {
    setList(result.ok ? result.value.complaints : []);
    setError(result.ok ? null : result.error);
  }, []);
  const reload = useLoader(fetchList, applyList);

  async function open(id: string) {
    const result = await call('complaints.get', { params: { id } });
    setDetail(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
  }

  function stepped(next: ComplaintDetail) {
    setDetail(next);
    void reload();
  }

  return (
    <div className="office-split voice-queue">
      <section className="card" aria-labelledby="queue-title">
        <div className="title-row">
          <h2 id="queue-title">{t('office.voice.queue')}</h2>
          <button type="button" onClick={() => void reload()}>
            {t('office.refresh')}
          </button>
        </div>
        <ComplaintFilters filter={filter} stores={props.stores} onChange={setFilter} />
        <ErrorNotice error={error} />
        {list === null ? (
          <p className="loading">{t('office.loading')}</p>
        ) : list.length === 0 ? (
          <p className="empty">{t('office.voice.none')}</p>
        ) : (
          <>
            <p className="hint">{t('office.voice.count', { count: list.length })}</p>
            <ul className="result-list" aria-label={t('office.voice.queue')}>
              {list.map((c) => (
                <li key={c.id} className={c.breached ? 'overdue' : undefined}>
                  <button
                    type="button"
                    aria-pressed={c.id === detail?.complaint.id}
                    onClick={() => void open(c.id)}
                  >
                    <strong>{c.ticket}</strong>{' '}
                    <ComplaintRowFacts complaint={c} storeName={storeName(c.storeId)} />
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {detail && (
        <ComplaintDetailCard
          detail={detail}
          storeName={storeName(detail.complaint.storeId)}
          onStepped={stepped}
        />
      )}
    </div>
  );
}
