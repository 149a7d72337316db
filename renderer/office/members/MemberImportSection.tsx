import { useCallback, useEffect, useState } from 'react';
import type { MemberImportReport } from '../../../shared/office/memberImport';
import type { StoreView } from '../../../shared/office/stores';
import { phoneCountries, type PhoneCountry } from '../../../shared/phone';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useCsvFile } from '../components/useCsvFile';
import { useOfficeT } from '../i18n/useOfficeT';
import { MemberImportReportTable } from './MemberImportReportTable';

/**
 * Members from the old system (admins only): pick the CSV, check it with a dry run (head office
 * runs the whole import and rolls it back), read the per-row report, then import it for real.
 */
export function MemberImportSection() {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [stores, setStores] = useState<StoreView[]>([]);
  const [country, setCountry] = useState<PhoneCountry>('HK');
  const [storeId, setStoreId] = useState('');
  const [report, setReport] = useState<MemberImportReport | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);
  const forgetReport = useCallback(() => {
    setReport(null);
    setError(null);
  }, []);
  const { file, tooBig, choose } = useCsvFile(forgetReport);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('stores.list').then((result) => {
      if (!result.ok) return;
      setStores(result.value.stores);
      setStoreId((current) => current || (result.value.stores[0]?.id ?? ''));
    });
  }, [call]);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    const result = await call('members.import', {
      body: {
        fileName: file.name,
        csv: file.csv,
        dryRun,
        defaultCountry: country,
        defaultStoreId: storeId === '' ? null : storeId,
      },
    });
    setBusy(false);
    setReport(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
  }

  const checked = report !== null && report.dryRun;
  const toImport = report ? report.totals.created + report.totals.merged : 0;
  return (
    <section className="card" aria-labelledby="member-import-title">
      <h2 id="member-import-title">{t('office.import.title')}</h2>
      <p className="hint">{t('office.import.hint')}</p>
      <form
        className="office-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        <label>
          {t('office.import.file')}
          <input
            type="file"
            accept=".csv,text/csv"
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </label>
        <label>
          {t('office.import.country')}
          <select value={country} onChange={(e) => setCountry(e.target.value as PhoneCountry)}>
            {phoneCountries.map((c) => (
              <option key={c} value={c}>
                {t(`country.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('office.import.store')}
          <select value={storeId} onChange={(e) => setStoreId(e.target.value)}>
            <option value="">{t('office.import.noStore')}</option>
            {stores.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!file || busy}>
          {t('office.import.dryRun')}
        </button>
        {checked && (
          <button type="button" disabled={busy || toImport === 0} onClick={() => void run(false)}>
            {t('office.import.run', { count: toImport })}
          </button>
        )}
      </form>
      {tooBig && (
        <p role="alert" className="field-error">
          {t('office.import.tooBig')}
        </p>
      )}
      <ErrorNotice error={error} />
      {report && <MemberImportReportTable report={report} />}
    </section>
  );
}
