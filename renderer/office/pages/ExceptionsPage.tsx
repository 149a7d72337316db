import { useCallback, useState } from 'react';
import {
  exceptionKinds as kindsOfException,
  type ExceptionView,
} from '../../../shared/office/exceptions';
import type { OfficeError } from '../api/officeApi';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { ExceptionFacts } from '../exceptions/ExceptionFacts';
import { ResolutionSummary } from '../exceptions/ResolutionSummary';
import { ResolveForm } from '../exceptions/ResolveForm';
import { exceptionKinds, kindLabel } from '../exceptions/resolutionWords';
import { ExceptionRowFacts } from '../exceptions/ExceptionRowFacts';
import { useOfficeT } from '../i18n/useOfficeT';

type StatusFilter = 'open' | 'resolved';

/** The queue of what head office could not settle alone, oldest first, with its facts. */
export function ExceptionsPage() {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [status, setStatus] = useState<StatusFilter>('open');
  const [kind, setKind] = useState('');
  const [list, setList] = useState<ExceptionView[] | null>(null);
  // The one on the right, kept apart from the list: once resolved it leaves the open list but
  // stays in view with what its resolution did.
  const [selected, setSelected] = useState<ExceptionView | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);

  const fetchList = useCallback(
    () =>
      call('exceptions.list', {
        query: { status, kind: kindsOfException.find((k) => k === kind) },
      }),
    [call, status, kind],
  );
  const applyList = useCallback((result: Awaited<ReturnType<typeof fetchList>>) => {
    const exceptions = result.ok ? result.value.exceptions : [];
    setList(exceptions);
    setSelected((shown) => (shown && exceptions.find((e) => e.id === shown.id)) ?? shown);
    setError(result.ok ? null : result.error);
  }, []);
  const load = useLoader(fetchList, applyList);

  function resolved(exception: ExceptionView) {
    setSelected(exception);
    setList((current) =>
      (current ?? []).flatMap((e) => {
        if (e.id !== exception.id) return [e];
        return status === 'open' ? [] : [exception];
      }),
    );
  }

  return (
    <div className="office-page office-split">
      <section className="card" aria-labelledby="exceptions-title">
        <div className="title-row">
          <h1 id="exceptions-title">{t('office.exceptions.title')}</h1>
          <button type="button" onClick={() => void load()}>
            {t('office.refresh')}
          </button>
        </div>
        <div className="row">
          <fieldset className="office-filter">
            <legend className="sr-only">{t('office.exceptions.status')}</legend>
            {(['open', 'resolved'] as const).map((option) => (
              <label key={option} className="choice">
                <input
                  type="radio"
                  name="status"
                  checked={status === option}
                  onChange={() => setStatus(option)}
                />
                {t(option === 'open' ? 'office.exceptions.open' : 'office.exceptions.resolved')}
              </label>
            ))}
          </fieldset>
          <label>
            {t('office.exceptions.kind')}
            <select value={kind} onChange={(event) => setKind(event.target.value)}>
              <option value="">{t('office.exceptions.allKinds')}</option>
              {exceptionKinds.map((option) => (
                <option key={option} value={option}>
                  {t(kindLabel(option))}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ErrorNotice error={error} />
        {list === null ? (
          <p className="loading">{t('office.loading')}</p>
        ) : list.length === 0 ? (
          <p className="empty">{t('office.exceptions.none')}</p>
        ) : (
          <ul className="result-list" aria-label={t('office.exceptions.title')}>
            {list.map((exception) => (
              <li key={exception.id}>
                <button
                  type="button"
                  aria-pressed={exception.id === selected?.id}
                  onClick={() => setSelected(exception)}
                >
                  <strong>
                    #{exception.number} {t(kindLabel(exception.kind))}
                  </strong>{' '}
                  <ExceptionRowFacts exception={exception} />
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {selected && (
        <section className="card" aria-labelledby="exception-title">
          <h2 id="exception-title">
            {t('office.exceptions.one', {
              number: selected.number,
              kind: t(kindLabel(selected.kind)),
            })}
          </h2>
          <p className="hint">{t(`${kindLabel(selected.kind)}Hint` as Parameters<typeof t>[0])}</p>
          <ExceptionFacts exception={selected} />
          {selected.status === 'resolved' ? (
            <ResolutionSummary exception={selected} />
          ) : (
            <ResolveForm key={selected.id} exception={selected} onResolved={resolved} />
          )}
        </section>
      )}
    </div>
  );
}
