import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { addMonths } from '../../../shared/figures/months';
import type { ChurnReport, CohortsReport, LtvReport } from '../../../shared/office/metrics';
import { todayIn } from '../../../shared/analytics/period';
import type { OfficeError } from '../api/officeApi';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';
import { LtvPanel } from './LtvPanel';
import { monthLabeller } from './monthLabel';
import { RatesTable } from './RatesTable';
import { RetentionHeatMap } from './RetentionHeatMap';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

interface Months {
  from: string;
  to: string;
}

/** The last twelve months, this one included, where the analyst sits. */
function lastTwelveMonths(): Months {
  const to = todayIn(Date.now(), browserZone()).slice(0, 7);
  return { from: addMonths(to, -11), to };
}

/**
 * Retention cohorts as a heat map, churn and repeat rate by month for the chain, each store and
 * each tier, and LTV so far and expected: aggregates only, for admins and analysts.
 */
export function MetricsPage() {
  const t = useOfficeT();
  const call = useOfficeApi();
  const locale = useOfficeStore((s) => s.locale);
  const monthLabel = useMemo(() => monthLabeller(locale), [locale]);
  const [months, setMonths] = useState<Months>(lastTwelveMonths);
  const [draft, setDraft] = useState<Months>(months);
  const [cohorts, setCohorts] = useState<CohortsReport | null>(null);
  const [churn, setChurn] = useState<ChurnReport | null>(null);
  const [ltv, setLtv] = useState<LtvReport | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);

  const fetchAll = useCallback(() => {
    const query = { ...months, timeZone: browserZone() };
    return Promise.all([
      call('metrics.cohorts', { query }),
      call('metrics.churn', { query }),
      call('metrics.ltv', { query }),
    ]);
  }, [call, months]);
  const applyAll = useCallback(([c, r, l]: Awaited<ReturnType<typeof fetchAll>>) => {
    setCohorts(c.ok ? c.value : null);
    setChurn(r.ok ? r.value : null);
    setLtv(l.ok ? l.value : null);
    setError(!c.ok ? c.error : !r.ok ? r.error : !l.ok ? l.error : null);
  }, []);
  useLoader(fetchAll, applyAll);

  function show(event: FormEvent) {
    event.preventDefault();
    setMonths(draft);
  }

  return (
    <div className="office-page metrics-page">
      <form className="card metrics-months" onSubmit={show} aria-label={t('office.metrics.months')}>
        <label className="office-field">
          <span>{t('office.metrics.from')}</span>
          <input
            type="month"
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
        <label className="office-field">
          <span>{t('office.metrics.to')}</span>
          <input
            type="month"
            value={draft.to}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </label>
        <button type="submit">{t('office.metrics.show')}</button>
      </form>
      <ErrorNotice error={error} />
      <section className="card" aria-labelledby="retention-title">
        <h2 id="retention-title">{t('office.metrics.retention')}</h2>
        <p className="hint">{t('office.metrics.retentionHint')}</p>
        {cohorts ? (
          <RetentionHeatMap report={cohorts} monthLabel={monthLabel} />
        ) : (
          <p className="loading">{t('office.loading')}</p>
        )}
      </section>
      <section className="card" aria-labelledby="churn-title">
        <h2 id="churn-title">{t('office.metrics.churnRepeat')}</h2>
        <p className="hint">{t('office.metrics.churnHint')}</p>
        {churn ? (
          <>
            <RatesTable
              report={churn}
              figure="churn"
              caption="office.metrics.churn"
              monthLabel={monthLabel}
            />
            <RatesTable
              report={churn}
              figure="repeat"
              caption="office.metrics.repeat"
              monthLabel={monthLabel}
            />
          </>
        ) : (
          <p className="loading">{t('office.loading')}</p>
        )}
      </section>
      <section className="card" aria-labelledby="ltv-title">
        <h2 id="ltv-title">{t('office.metrics.ltv')}</h2>
        <p className="hint">{t('office.metrics.ltvHint')}</p>
        {cohorts && ltv ? (
          <LtvPanel cohorts={cohorts} ltv={ltv} monthLabel={monthLabel} />
        ) : (
          <p className="loading">{t('office.loading')}</p>
        )}
      </section>
    </div>
  );
}
