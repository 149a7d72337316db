import type { MemberImportReport } from '../../../shared/office/memberImport';
import { ImportReport } from '../components/ImportReport';
import { useOfficeT } from '../i18n/useOfficeT';

/** What became of each row of an import (or would, on a dry run), with the reason of an error. */
export function MemberImportReportTable({ report }: { report: MemberImportReport }) {
  const t = useOfficeT();
  const { totals } = report;
  return (
    <ImportReport
      status={t(report.dryRun ? 'office.import.dryRunDone' : 'office.import.done')}
      totals={[
        t('office.import.created', { count: totals.created }),
        t('office.import.merged', { count: totals.merged }),
        t('office.import.unchanged', { count: totals.unchanged }),
        t('office.import.errors', { count: totals.errors }),
      ]}
      subjectHeader={t('office.import.member')}
      rows={report.rows.map((row) => ({
        row: row.row,
        outcome: row.outcome,
        outcomeText: t(`office.import.outcome.${row.outcome}`),
        subject: row.cardNumber ?? '',
        detail: [
          row.reason !== null ? t(`office.import.reason.${row.reason}`) : '',
          row.column !== null ? ` (${row.column})` : '',
          row.mergedIntoRow !== null
            ? t('office.import.mergedIntoRow', { row: row.mergedIntoRow })
            : '',
        ].join(''),
      }))}
    />
  );
}
