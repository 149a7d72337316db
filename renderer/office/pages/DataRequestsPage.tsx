import { useCallback, useState } from 'react';
import type { DataRequestList } from '../../../shared/office/dataRequests';
import type { OfficeError } from '../api/officeApi';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { LogRequestForm } from '../dataRequests/LogRequestForm';
import { RequestActions } from '../dataRequests/RequestActions';
import { useOfficeT } from '../i18n/useOfficeT';

/** Members' requests to see, correct or erase their data: overdue ones first, in red. */
export function DataRequestsPage() {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [list, setList] = useState<DataRequestList | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);

  const fetchList = useCallback(() => call('dataRequests.list', { query: {} }), [call]);
  const applyList = useCallback((result: Awaited<ReturnType<typeof fetchList>>) => {
    if (result.ok) setList(result.value);
    setError(result.ok ? null : result.error);
  }, []);
  const load = useLoader(fetchList, applyList);

  return (
    <div className="office-page">
      <section className="card" aria-labelledby="data-requests-title">
        <div className="title-row">
          <h1 id="data-requests-title">{t('office.dataRequests.title')}</h1>
          <button type="button" onClick={() => void load()}>
            {t('office.refresh')}
          </button>
        </div>
        <LogRequestForm onLogged={() => void load()} />
        <ErrorNotice error={error} />
        {list === null ? (
          <p className="loading">{t('office.loading')}</p>
        ) : (
          <>
            <p className={list.overdueCount > 0 ? 'overdue-note' : 'hint'} role="status">
              {t('office.dataRequests.overdueCount', { count: list.overdueCount })}
            </p>
            {list.requests.length === 0 ? (
              <p className="empty">{t('office.dataRequests.empty')}</p>
            ) : (
              <table className="office-table">
                <thead>
                  <tr>
                    <th>{t('office.dataRequests.number')}</th>
                    <th>{t('office.dataRequests.kind')}</th>
                    <th>{t('office.dataRequests.member')}</th>
                    <th>{t('office.dataRequests.received')}</th>
                    <th>{t('office.dataRequests.due')}</th>
                    <th>{t('office.dataRequests.status')}</th>
                    <th>{t('office.dataRequests.requestedBy')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {list.requests.map((request) => (
                    <tr key={request.id} className={request.overdue ? 'overdue' : undefined}>
                      <td>{request.number}</td>
                      <td>{t(`office.dataRequests.kind.${request.kind}`)}</td>
                      <td>
                        <code>{request.memberId}</code>
                      </td>
                      <td>{request.receivedOn}</td>
                      <td>
                        {request.dueOn}
                        {request.overdue && (
                          <strong className="overdue-badge">
                            {' '}
                            {t('office.dataRequests.overdue')}
                          </strong>
                        )}
                      </td>
                      <td>{t(`office.dataRequests.status.${request.status}`)}</td>
                      <td>{request.requestedBy}</td>
                      <td>
                        <RequestActions
                          request={request}
                          onChanged={() => void load()}
                          onError={setError}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
    </div>
  );
}
