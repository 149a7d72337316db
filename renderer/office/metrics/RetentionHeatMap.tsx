import type { CohortsReport } from '../../../shared/office/metrics';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { percentOf } from './monthLabel';

const CELL_W = 56;
const CELL_H = 28;
const LEFT = 96;
const TOP = 40;

/** Light to dark teal with retention; month 0 (always 100 %) is drawn like any other. */
function shade(basisPoints: number | null): string {
  if (basisPoints === null) return '#f1f3f4';
  const share = Math.min(1, Math.max(0, basisPoints / 10_000));
  const lightness = 95 - share * 65;
  return `hsl(178 55% ${lightness.toFixed(0)}%)`;
}

/**
 * Retention cohorts as a heat map: a row per month of first purchase, a column per month since
 * it, each cell the share still buying, written in the cell and in its title so a screen reader
 * (and anyone zooming) reads the number, not the colour.
 */
export function RetentionHeatMap({
  report,
  monthLabel,
}: {
  report: CohortsReport;
  monthLabel: (month: string) => string;
}) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const columns = Math.max(0, ...report.cohorts.map((c) => c.retention.length));
  if (report.cohorts.length === 0) return <p className="hint">{t('office.metrics.noCohorts')}</p>;
  const width = LEFT + columns * CELL_W + 8;
  const height = TOP + report.cohorts.length * CELL_H + 8;
  return (
    <figure className="heat-map">
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        style={{ maxWidth: width * 1.6 }}
        role="group"
        aria-labelledby="retention-title"
        data-testid="retention-heat-map"
      >
        <text x={LEFT} y={12} className="axis-title" fontSize="11">
          {t('office.metrics.monthsSince')}
        </text>
        <text x={4} y={TOP - 8} className="axis-title" fontSize="11">
          {t('office.metrics.firstPurchase')}
        </text>
        {Array.from({ length: columns }, (_, k) => (
          <text
            key={k}
            x={LEFT + k * CELL_W + CELL_W / 2}
            y={TOP - 8}
            textAnchor="middle"
            fontSize="11"
          >
            {format.number(k)}
          </text>
        ))}
        {report.cohorts.map((c, row) => (
          <g key={c.cohort}>
            <text x={4} y={TOP + row * CELL_H + CELL_H / 2 + 4} fontSize="11">
              {monthLabel(c.cohort)}
            </text>
            {c.retention.map((r, k) => {
              const value = percentOf(r.basisPoints);
              const label = t('office.metrics.cell', {
                cohort: monthLabel(c.cohort),
                months: format.number(k),
                value,
                active: format.number(r.numerator),
                members: format.number(r.denominator),
              });
              const dark = (r.basisPoints ?? 0) > 5_500;
              return (
                <g key={k} role="img" aria-label={label} data-testid="retention-cell">
                  <title>{label}</title>
                  <rect
                    x={LEFT + k * CELL_W}
                    y={TOP + row * CELL_H}
                    width={CELL_W - 2}
                    height={CELL_H - 2}
                    fill={shade(r.basisPoints)}
                  />
                  <text
                    x={LEFT + k * CELL_W + (CELL_W - 2) / 2}
                    y={TOP + row * CELL_H + CELL_H / 2 + 3}
                    textAnchor="middle"
                    fontSize="10"
                    fill={dark ? '#ffffff' : '#1b1b1b'}
                    aria-hidden="true"
                  >
                    {value}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </figure>
  );
}
