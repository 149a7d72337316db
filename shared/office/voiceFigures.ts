import type { VoiceDashboard } from './voice';

/**
 * The voice dashboard's headline figures, defined once: the office UI's figure cards, the CSV
 * export's rows and the PDF export's lines all read this list, so the three cannot drift. Each
 * key is the CSV's name for the figure and, as `office.voice.figure.<key>`, its label.
 */
export const voiceFigureKeys = [
  'sales',
  'responses',
  'responseRatePercent',
  'nps',
  'npsLow',
  'npsHigh',
  'npsPromoters',
  'npsPassives',
  'npsDetractors',
  'csatResponses',
  'csatPercent',
  'complaints',
  'complaintsPerThousandSales',
  'medianHoursToFirstResponse',
  'medianHoursToResolution',
  'breachRatePercent',
  'goodwillPoints',
  'recoveryCostMinor',
] as const;
export type VoiceFigureKey = (typeof voiceFigureKeys)[number];

/** How a figure reads: a count, a percent, a score, hours, points or money (minor units). */
export type VoiceFigureKind = 'count' | 'percent' | 'score' | 'hours' | 'points' | 'money';

export const voiceFigures: Record<
  VoiceFigureKey,
  { kind: VoiceFigureKind; read: (d: VoiceDashboard) => number | null }
> = {
  sales: { kind: 'count', read: (d) => d.sales },
  responses: { kind: 'count', read: (d) => d.responses },
  responseRatePercent: { kind: 'percent', read: (d) => d.responseRatePercent },
  nps: { kind: 'score', read: (d) => (d.nps.responses === 0 ? null : d.nps.nps) },
  npsLow: { kind: 'score', read: (d) => (d.nps.responses === 0 ? null : d.nps.interval.low) },
  npsHigh: { kind: 'score', read: (d) => (d.nps.responses === 0 ? null : d.nps.interval.high) },
  npsPromoters: { kind: 'count', read: (d) => d.nps.promoters },
  npsPassives: { kind: 'count', read: (d) => d.nps.passives },
  npsDetractors: { kind: 'count', read: (d) => d.nps.detractors },
  csatResponses: { kind: 'count', read: (d) => d.csat.responses },
  csatPercent: { kind: 'percent', read: (d) => (d.csat.responses === 0 ? null : d.csat.percent) },
  complaints: { kind: 'count', read: (d) => d.complaints.count },
  complaintsPerThousandSales: { kind: 'score', read: (d) => d.complaints.perThousandSales },
  medianHoursToFirstResponse: {
    kind: 'hours',
    read: (d) => d.complaints.medianHoursToFirstResponse,
  },
  medianHoursToResolution: { kind: 'hours', read: (d) => d.complaints.medianHoursToResolution },
  breachRatePercent: { kind: 'percent', read: (d) => d.complaints.breachRatePercent },
  goodwillPoints: { kind: 'points', read: (d) => d.complaints.goodwillPoints },
  recoveryCostMinor: { kind: 'money', read: (d) => d.complaints.recoveryCostMinor },
};

/** A figure rounded for a file: counts, points and money whole, the rest to two places. */
export function roundedFigure(key: VoiceFigureKey, value: number | null): number | null {
  if (value === null) return null;
  const kind = voiceFigures[key].kind;
  return kind === 'count' || kind === 'points' || kind === 'money'
    ? Math.round(value)
    : Math.round(value * 100) / 100;
}
