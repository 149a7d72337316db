import type { CatalogueImportReport } from '../../../shared/office/catalogueImport';
import { ImportReport } from '../components/ImportReport';
import { useOfficeT } from '../i18n/useOfficeT';

/** What became of each row of a catalogue import (or would, on a dry run), with its reason. */
export function CatalogueImportReportTable({ report }: { report: CatalogueImportReport }) {
  const t = useOfficeT();
  const { totals } = report;
  return (
    <ImportReport
      status={t(
        report.dryRun ? 'office.catalogue.import.dryRunDone' : 'office.catalogue.import.done',
      )}
      totals={[
        t('office.catalogue.import.created', { count: totals.created }),
        t('office.catalogue.import.updated', { count: totals.updated }),
        t('office.catalogue.import.unchanged', { count: totals.unchanged }),
        t('office.catalogue.import.errors', { count: totals.errors }),
        t('office.catalogue.import.categoriesCreated', { count: totals.categoriesCreated }),
      ]}
      subjectHeader={t('office.catalogue.sku')}
      rows={report.rows.map((row) => ({
        row: row.row,
        outcome: row.outcome,
        outcomeText: t(`office.catalogue.import.outcome.${row.outcome}`),
        subject: row.sku,
        detail: [
          row.reason !== null ? t(`office.catalogue.import.reason.${row.reason}`) : '',
          row.column !== null && row.column !== '' ? ` (${row.column})` : '',
          row.takenBy !== null
            ? `: ${t('office.catalogue.import.takenBy', { sku: row.takenBy })}`
            : '',
        ].join(''),
      }))}
    />
  );
}
