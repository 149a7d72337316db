import { useState, type FormEvent } from 'react';
import type { VoiceDashboard, VoiceTrend } from '../../../shared/office/voice';
import { complaintCategories } from '../../../shared/rules/complaint';
import type { StoreView } from '../../../shared/office/stores';
import { officeUrl, type OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { OfficeDateField } from '../components/OfficeDateField';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';
import { CashierTable } from './CashierTable';
import { RecoveryTable } from './RecoveryTable';
import { VoiceFigureCards } from './VoiceFigureCards';
import { VoiceTrendCharts } from './VoiceTrendCharts';
import { categoryLabel } from './complaintWords';

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Shown {
  dashboard: VoiceDashboard;
  trend: VoiceTrend;
  query: Record<string, string>;
}

/**
 * The voice dashboard for a period, store, cashier and category, with its trend charts, service
 * recovery, cashiers, and the same figures as CSV and PDF.
 */
export function VoiceDashboardPanel(props: { stores: StoreView[] }) {
  const t = useOfficeT();
  const officeFormat = useOfficeFormat();
  const call = useOfficeApi();
  const locale = useOfficeStore((s) => s.locale);
  // Typed the shop's way (DateField); null while a field holds something that is not a date.
  const [from, setFrom] = useState<string | null>(() => isoDay(Date.now() - 29 * 86_400_000));
  const [to, setTo] = useState<string | null>(() => isoDay(Date.now()));
  const [storeId, setStoreId] = useState('');
  const [staffId, setStaffId] = useState('');
  const [category, setCategory] = useState('');
  const [bucket, setBucket] = useState<'week' | 'month'>('week');
  const [shown, setShown] = useState<Shown | null>(null);
  const [cashierIds, setCashierIds] = useState<string[]>([]);
  const [error, setError] = useState<OfficeError | null>(null);

  async function show(event?: FormEvent) {
    event?.preventDefault();
    if (!from || !to) return;
    const filters = {
      from,
      to,
      storeId: storeId || undefined,
      staffId: staffId || undefined,
    };
    const chosenCategory = complaintCategories.find((c) => c === category);
    const [dashboard, trend] = await Promise.all([
      call('voice.dashboard', { query: { ...filters, category: chosenCategory } }),
      call('voice.trend', { query: { ...filters, bucket } }),
    ]);
    if (!dashboard.ok || !trend.ok) {
      setShown(null);
      setError(!dashboard.ok ? dashboard.error : !trend.ok ? trend.error : null);
      return;
    }
    setError(null);
    const query = Object.fromEntries(
      Object.entries({ ...filters, category: chosenCategory }).filter(
        (e): e is [string, string] => e[1] !== undefined,
      ),
    );
    setShown({ dashboard: dashboard.value, trend: trend.value, query });
    if (!staffId) {
      setCashierIds(dashboard.value.cashiers.flatMap((c) => (c.staffId ? [c.staffId] : [])));
    }
  }

  const exportUrl = (format: 'csv' | 'pdf') =>
    shown
      ? officeUrl('voice.dashboard', {
          query: {
            ...(shown.query as { from: string; to: string }),
            format,
            ...(format === 'pdf' ? { lang: locale } : {}),
          },
        })
      : '';

  return (
    <section className="card voice-dashboard" aria-labelledby="voice-dashboard-title">
      <h2 id="voice-dashboard-title">{t('office.voice.dashboard')}</h2>
      <form className="inline-form voice-dashboard-filters" onSubmit={(e) => void show(e)}>
        {(
          [
            ['office.voice.from', from, setFrom],
            ['office.voice.to', to, setTo],
          ] as const
        ).map(([label, value, set]) => (
          <OfficeDateField key={label} label={t(label)} value={value ?? ''} onChange={set} />
        ))}
        <label>
          {t('office.voice.filter.store')}
          <select value={storeId} onChange={(e) => setStoreId(e.target.value)}>
            <option value="">{t('office.voice.filter.anyStore')}</option>
            {props.stores.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('office.voice.filter.cashier')}
          <select value={staffId} onChange={(e) => setStaffId(e.target.value)}>
            <option value="">{t('office.voice.filter.anyCashier')}</option>
            {cashierIds.map((id) => (
              <option key={id} value={id}>
                {id.slice(0, 8)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('office.voice.filter.category')}
          <select value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">{t('office.voice.filter.anyCategory')}</option>
            {complaintCategories.map((c) => (
              <option key={c} value={c}>
                {t(categoryLabel(c))}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('office.voice.trend')}
          <select
            value={bucket}
            onChange={(e) => setBucket(e.target.value === 'month' ? 'month' : 'week')}
          >
            <option value="week">{t('office.voice.bucket.week')}</option>
            <option value="month">{t('office.voice.bucket.month')}</option>
          </select>
        </label>
        <button type="submit" className="primary">
          {t('office.voice.show')}
        </button>
      </form>
      <ErrorNotice error={error} />
      {shown && (
        <>
          <p className="hint">
            {t('office.voice.period', {
              from: officeFormat.date(shown.dashboard.from),
              to: officeFormat.date(shown.dashboard.to),
            })}
            {/* With no NPS answer there is no interval: -100 to 100 would read as a finding. */}
            {shown.dashboard.nps.responses > 0 &&
              ` · ${t('office.voice.interval', {
                low: shown.dashboard.nps.interval.low.toFixed(1),
                high: shown.dashboard.nps.interval.high.toFixed(1),
              })}`}
          </p>
          <div className="row">
            <a className="button" href={exportUrl('csv')} download>
              {t('office.voice.exportCsv')}
            </a>
            <a className="button" href={exportUrl('pdf')} download>
              {t('office.voice.exportPdf')}
            </a>
          </div>
          <VoiceFigureCards dashboard={shown.dashboard} />
          <VoiceTrendCharts trend={shown.trend} />
          <div className="voice-tables">
            <RecoveryTable recovery={shown.dashboard.recovery} />
            <table className="office-table voice-reasons" aria-labelledby="reasons-title">
              <caption id="reasons-title">{t('office.voice.topReasons')}</caption>
              <tbody>
                {shown.dashboard.topReasons.map((r) => (
                  <tr key={r.tag}>
                    <th scope="row">{t(`feedback.reason.${r.tag}`)}</th>
                    <td className="num">{r.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <CashierTable cashiers={shown.dashboard.cashiers} />
          </div>
        </>
      )}
    </section>
  );
}
