import { ChartFrame } from './ChartFrame';
import { colourAt } from './chartScale';

export interface DonutSlice {
  key: string;
  label: string;
  value: number;
  display: string;
}

export interface DonutChartProps {
  title: string;
  summary: string;
  slices: DonutSlice[];
  labelHeading: string;
  valueHeading: string;
  showTable: string;
  hideTable: string;
  /** Drill-down: the legend entries become buttons (keyboard and screen readers reach them). */
  onSelect?: (key: string) => void;
  /** A line under the legend, e.g. how to drill down. */
  note?: string;
  /** Accessible name of a legend button, e.g. "Champions: 12 members, show them". */
  selectLabel?: (slice: DonutSlice) => string;
  /** A legend button's words, the start of its accessible name (WCAG 2.5.3), e.g. "Loyal (3)". */
  selectText?: (slice: DonutSlice) => string;
}

const SIZE = 200;
const R = 80;
const WIDTH = 32;

function arc(start: number, end: number): string {
  const point = (angle: number) => [SIZE / 2 + R * Math.sin(angle), SIZE / 2 - R * Math.cos(angle)];
  const [x1, y1] = point(start);
  const [x2, y2] = point(end);
  const large = end - start > Math.PI ? 1 : 0;
  return `M${x1},${y1} A${R},${R} 0 ${large} 1 ${x2},${y2}`;
}

/** Shares of a whole (RFM segments) as a ring, with a legend that drills down. */
export function DonutChart(props: DonutChartProps) {
  const total = props.slices.reduce((sum, s) => sum + Math.max(0, s.value), 0);
  // Where each slice starts: the sweeps of the slices before it.
  const sweeps = props.slices.map((s) =>
    total > 0 ? (Math.max(0, s.value) / total) * Math.PI * 2 : 0,
  );
  const starts = sweeps.map((_, i) => sweeps.slice(0, i).reduce((a, b) => a + b, 0));
  return (
    <ChartFrame
      title={props.title}
      summary={props.summary}
      columns={[props.labelHeading, props.valueHeading]}
      rows={props.slices.map((s) => ({ key: s.key, cells: [s.label, s.display] }))}
      showTable={props.showTable}
      hideTable={props.hideTable}
      legend={
        <>
          <ul className="chart-legend">
            {props.slices.map((slice, index) => (
              <li key={slice.key}>
                <span
                  className="swatch"
                  style={{ background: colourAt(index) }}
                  aria-hidden="true"
                />
                {props.onSelect ? (
                  <button
                    type="button"
                    className="link"
                    aria-label={props.selectLabel?.(slice)}
                    onClick={() => props.onSelect?.(slice.key)}
                  >
                    {props.selectText?.(slice) ?? `${slice.label}: ${slice.display}`}
                  </button>
                ) : (
                  <span>
                    {slice.label}: {slice.display}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {props.note && <p className="hint">{props.note}</p>}
        </>
      }
    >
      <div className="donut">
        <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width={SIZE} height={SIZE} aria-hidden="true">
          {total === 0 && (
            <circle
              cx={SIZE / 2}
              cy={SIZE / 2}
              r={R}
              fill="none"
              stroke="#ddd"
              strokeWidth={WIDTH}
            />
          )}
          {props.slices.map((slice, index) => {
            if (slice.value <= 0) return null;
            const sweep = sweeps[index] ?? 0;
            const start = starts[index] ?? 0;
            // A full ring cannot be one arc: draw it as a circle.
            return sweep >= Math.PI * 2 - 1e-9 ? (
              <circle
                key={slice.key}
                cx={SIZE / 2}
                cy={SIZE / 2}
                r={R}
                fill="none"
                stroke={colourAt(index)}
                strokeWidth={WIDTH}
              />
            ) : (
              <path
                key={slice.key}
                d={arc(start, start + sweep)}
                fill="none"
                stroke={colourAt(index)}
                strokeWidth={WIDTH}
                className={props.onSelect ? 'chart-selectable' : undefined}
                onClick={props.onSelect ? () => props.onSelect?.(slice.key) : undefined}
              />
            );
          })}
        </svg>
      </div>
    </ChartFrame>
  );
}
