import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Report, ReportExport, ReportSettings } from '../../../../shared/reports/report';
import { api } from '../../api';
import { useErrorText, useLocale, useT } from '../../i18n/useT';
import { ReportView } from './ReportView';
import { DayBoundaryForm } from './DayBoundaryForm';
import { CloseDayForm } from './CloseDayForm';
import { downloadFile } from './downloadFile';
import { useApprovalPin } from '../staff/useApprovalPin';

type Which = { kind: 'x' } | { kind: 'z'; businessDay: string };

/** The X and Z reports: look, export CSV or PDF, print, close the day. */
export function ReportsPanel() {
  const t = useT();
  const locale = useLocale();
  const errorText = useErrorText();
  // A cashier opened this screen with a manager's PIN: the core checks it on every call.
  const pin = useApprovalPin('reports');
  const approval = useMemo(() => (pin ? { managerPin: pin } : {}), [pin]);
  const [settings, setSettings] = useState<ReportSettings | null>(null);
  const [kind, setKind] = useState<'x' | 'z'>('x');
  const [day, setDay] = useState('');
  const [report, setReport] = useState<Report | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const which = useCallback(
    (): Which => (kind === 'x' ? { kind } : { kind, businessDay: day }),
    [kind, day],
  );

  /** Asks the core for the report chosen now; the answer is shown by `show`. */
  const fetchReport = useCallback(() => {
    const w = which();
    return w.kind === 'x'
      ? api.invoke('report.x', { ...approval })
      : api.invoke('report.z', { businessDay: w.businessDay, ...approval });
  }, [which, approval]);

  const show = useCallback(
    (result: Awaited<ReturnType<typeof fetchReport>>) => {
      if (result.ok) {
        setReport(result.value);
        setMessage(null);
      } else {
        setReport(null);
        setMessage(errorText(result.error));
      }
    },
    [errorText],
  );

  const load = useCallback(() => {
    if (kind === 'z' && !day) return;
    void fetchReport().then(show);
  }, [kind, day, fetchReport, show]);

  useEffect(() => {
    void api.invoke('report.settings', { ...approval }).then((result) => {
      if (!result.ok) return;
      setSettings(result.value);
      setDay((current) => current || result.value.today);
    });
  }, [approval]);

  useEffect(() => {
    if (kind === 'z' && !day) return;
    void fetchReport().then(show);
  }, [kind, day, fetchReport, show]);

  const exportAs = async (format: 'csv' | 'pdf') => {
    const result = await api.invoke('report.export', {
      report: which(),
      format,
      locale,
      ...approval,
    });
    if (!result.ok) {
      setMessage(errorText(result.error));
      return;
    }
    const file: ReportExport = result.value;
    downloadFile(file);
    setMessage(t('report.screen.exported', { file: file.fileName }));
  };

  return (
    <section aria-labelledby="reports-title" className="reports-screen">
      <h1 id="reports-title" className="no-print">
        {t('report.screen.title')}
      </h1>
      <div className="report-controls no-print">
        <fieldset>
          <legend>{t('report.screen.kind')}</legend>
          <label className="radio">
            <input type="radio" name="kind" checked={kind === 'x'} onChange={() => setKind('x')} />
            {t('report.screen.kindX')}
          </label>
          <label className="radio">
            <input type="radio" name="kind" checked={kind === 'z'} onChange={() => setKind('z')} />
            {t('report.screen.kindZ')}
          </label>
        </fieldset>
        {kind === 'z' ? (
          <label>
            {t('report.screen.day')}
            <input
              type="date"
              value={day}
              max={settings?.today}
              onChange={(e) => setDay(e.target.value)}
            />
          </label>
        ) : null}
        <button type="button" onClick={load}>
          {t('report.screen.refresh')}
        </button>
        <button type="button" onClick={() => void exportAs('csv')} disabled={!report}>
          {t('report.screen.exportCsv')}
        </button>
        <button type="button" onClick={() => void exportAs('pdf')} disabled={!report}>
          {t('report.screen.exportPdf')}
        </button>
        <button type="button" onClick={() => window.print()} disabled={!report}>
          {t('report.screen.print')}
        </button>
      </div>
      {message ? (
        <p role="status" className="no-print">
          {message}
        </p>
      ) : null}
      {!report && !message ? <p className="no-print">{t('report.screen.loading')}</p> : null}
      {report ? <ReportView report={report} /> : null}
      {report && report.kind === 'z' && !report.closed ? (
        <CloseDayForm
          key={report.businessDay}
          businessDay={report.businessDay}
          endsAt={report.to > report.generatedAt ? report.to : null}
          onClosed={(closed) => {
            setReport(closed);
            setMessage(
              t('report.screen.closed', {
                day: closed.businessDay,
                number: closed.closed?.number ?? 0,
              }),
            );
          }}
        />
      ) : null}
      {settings ? (
        <DayBoundaryForm
          settings={settings}
          onSaved={(next) => {
            setSettings(next);
            load();
          }}
        />
      ) : null}
    </section>
  );
}
