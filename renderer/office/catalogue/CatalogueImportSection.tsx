import { useCallback, useState } from 'react';
import type { Currency } from '../../../shared/money';
import type { CatalogueImportReport } from '../../../shared/office/catalogueImport';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useCsvFile } from '../components/useCsvFile';
import { useOfficeT } from '../i18n/useOfficeT';
import { CatalogueImportReportTable } from './CatalogueImportReportTable';

/**
 * The catalogue from a CSV (admins only): pick the file, check it with a dry run (head office
 * runs the whole import and rolls it back), read the per-row report, then import it for real.
 */
export function CatalogueImportSection(props: { currency: Currency; onImported: () => void }) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [report, setReport] = useState<CatalogueImportReport | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);
  const [busy, setBusy] = useState(false);
  const forgetReport = useCallback(() => {
    setReport(null);
    setError(null);
  }, []);
  const { file, tooBig, choose } = useCsvFile(forgetReport);

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    const result = await call('catalogue.import', {
      body: { fileName: file.name, csv: file.csv, dryRun, currency: props.currency },
    });
    setBusy(false);
    setReport(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
    if (result.ok && !dryRun) props.onImported();
  }

  const checked = report !== null && report.dryRun;
  const toImport = report ? report.totals.created + report.totals.updated : 0;
  return (
    <section className="card" aria-labelledby="catalogue-import-title">
      <h2 id="catalogue-import-title">{t('office.catalogue.import.title')}</h2>
      <p className="hint">{t('office.catalogue.import.hint')}</p>
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
        <button type="submit" disabled={!file || busy}>
          {t('office.import.dryRun')}
        </button>
        {checked && (
          <button type="button" disabled={busy || toImport === 0} onClick={() => void run(false)}>
            {t('office.catalogue.import.run', { count: toImport })}
          </button>
        )}
      </form>
      {tooBig && (
        <p role="alert" className="field-error">
          {t('office.import.tooBig')}
        </p>
      )}
      <ErrorNotice error={error} />
      {report && <CatalogueImportReportTable report={report} />}
    </section>
  );
}
