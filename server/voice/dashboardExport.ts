import {
  roundedFigure,
  voiceFigureKeys,
  voiceFigures,
  type VoiceFigureKey,
} from '../../shared/office/voiceFigures';
import type { VoiceDashboard } from '../../shared/office/voice';

/** A cell a spreadsheet will not run as a formula. */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The dashboard as CSV, `section,name,value` a row: the headline figures (shared/office/
 * voiceFigures.ts), the top reasons, the service recovery groups and the cashiers (figures only
 * where the dashboard shows them). Empty means none.
 */
export function voiceDashboardCsv(d: VoiceDashboard): string {
  const rows: [string, string, string | number | null][] = [
    ['period', 'from', d.from],
    ['period', 'to', d.to],
    ...voiceFigureKeys.map((key: VoiceFigureKey): [string, string, number | null] => [
      'figure',
      key,
      roundedFigure(key, voiceFigures[key].read(d)),
    ]),
    ...d.topReasons.map((r): [string, string, number] => ['reason', r.tag, r.count]),
    ...d.recovery.flatMap((g): [string, string, number | null][] => [
      ['recovery', `${g.group}.members`, g.members],
      ['recovery', `${g.group}.repurchased`, g.repurchased],
      [
        'recovery',
        `${g.group}.ratePercent`,
        g.ratePercent === null ? null : Math.round(g.ratePercent * 100) / 100,
      ],
    ]),
    ...d.cashiers.flatMap((c): [string, string, number | null][] => {
      const who = c.staffId ?? 'unknown';
      return [
        ['cashier', `${who}.responses`, c.responses],
        ['cashier', `${who}.nps`, c.nps === null ? null : Math.round(c.nps * 100) / 100],
        [
          'cashier',
          `${who}.csatPercent`,
          c.csatPercent === null ? null : Math.round(c.csatPercent * 100) / 100,
        ],
      ];
    }),
  ];
  const lines = ['section,name,value', ...rows.map((r) => r.map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
