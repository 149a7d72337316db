import type { HourFigures } from '../../../../shared/reports/report';
import { useFormat, useT } from '../../i18n/useT';

const WIDTH = 600;
const HEIGHT = 140;
const LABEL = 16;

/** Net sales per hour of the shop's clock, as bars, in business-day order. */
export function HourChart({ hours }: { hours: HourFigures[] }) {
  const t = useT();
  const format = useFormat();
  if (hours.length === 0) return null;
  const max = Math.max(1, ...hours.map((h) => Math.abs(h.figures.netSalesMinor)));
  const slot = WIDTH / hours.length;
  const bar = Math.max(4, Math.min(28, slot * 0.7));
  return (
    <figure className="hour-chart">
      <figcaption>{t('report.screen.chart')}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + LABEL}`}
        role="img"
        aria-label={t('report.screen.chart')}
      >
        {hours.map((h, i) => {
          const height = Math.round((Math.max(0, h.figures.netSalesMinor) / max) * (HEIGHT - 4));
          const label = `${String(h.hour).padStart(2, '0')}:00`;
          const x = i * slot + (slot - bar) / 2;
          return (
            <g key={h.hour}>
              <rect x={x} y={HEIGHT - height} width={bar} height={height} className="hour-bar">
                <title>
                  {t('report.screen.chartLabel', {
                    hour: label,
                    amount: format.money(h.figures.netSalesMinor),
                  })}
                </title>
              </rect>
              <text
                x={i * slot + slot / 2}
                y={HEIGHT + LABEL - 3}
                textAnchor="middle"
                className="hour-label"
              >
                {String(h.hour).padStart(2, '0')}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
