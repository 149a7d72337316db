import { ChartFrame } from './ChartFrame';
import { CHART_HEIGHT, CHART_WIDTH, axisOf, scale } from './chartScale';

export interface LinePoint {
  key: string;
  /** The x label, e.g. a formatted date. */
  label: string;
  value: number;
  display: string;
}

export interface LineChartProps {
  title: string;
  summary: string;
  points: LinePoint[];
  labelHeading: string;
  valueHeading: string;
  showTable: string;
  hideTable: string;
  /** A value on the axis in the line's unit (money, count): charts know no catalog. */
  formatTick: (value: number) => string;
}

const PAD = { left: 8, right: 8, top: 18, bottom: 24 };

/**
 * A value over time (points liability per day). The value axis is a grid of round values, each
 * labelled just above its line; the time axis is the baseline with the first and last day.
 */
export function LineChart(props: LineChartProps) {
  const { range, ticks } = axisOf(props.points.map((p) => p.value));
  const width = CHART_WIDTH - PAD.left - PAD.right;
  const height = CHART_HEIGHT - PAD.top - PAD.bottom;
  const y = (value: number) => PAD.top + height - scale(value, range, height);
  const step = props.points.length > 1 ? width / (props.points.length - 1) : 0;
  const xy = props.points.map((p, i) => [PAD.left + i * step, y(p.value)]);
  const path = xy.map(([px, py], i) => `${i === 0 ? 'M' : 'L'}${px?.toFixed(1)},${py?.toFixed(1)}`);
  const first = props.points[0];
  const last = props.points[props.points.length - 1];
  const base = y(Math.max(range.min, 0));
  return (
    <ChartFrame
      title={props.title}
      summary={props.summary}
      columns={[props.labelHeading, props.valueHeading]}
      rows={props.points.map((p) => ({ key: p.key, cells: [p.label, p.display] }))}
      showTable={props.showTable}
      hideTable={props.hideTable}
    >
      <svg viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`} width="100%" aria-hidden="true">
        {ticks.map((tick) => (
          <g key={tick} className="chart-tick">
            <line
              x1={PAD.left}
              x2={PAD.left + width}
              y1={y(tick)}
              y2={y(tick)}
              className="chart-grid"
            />
            <text x={PAD.left + 2} y={y(tick) - 3} className="chart-label">
              {props.formatTick(tick)}
            </text>
          </g>
        ))}
        <line
          x1={PAD.left}
          x2={PAD.left}
          y1={PAD.top}
          y2={PAD.top + height}
          className="chart-axis"
        />
        <line x1={PAD.left} x2={PAD.left + width} y1={base} y2={base} className="chart-axis" />
        <path d={path.join(' ')} className="chart-line" fill="none" />
        {/* One point makes no line: it is drawn as a dot, so the chart is never empty. */}
        {xy.length === 1 && xy[0] && (
          <circle cx={xy[0][0]} cy={xy[0][1]} r={4} className="chart-dot" />
        )}
        {first && (
          <text x={PAD.left} y={CHART_HEIGHT - 6} className="chart-label">
            {first.label}
          </text>
        )}
        {last && props.points.length > 1 && (
          <text x={PAD.left + width} y={CHART_HEIGHT - 6} textAnchor="end" className="chart-label">
            {last.label}
          </text>
        )}
        {last && (
          <text x={PAD.left + width} y={PAD.top - 6} textAnchor="end" className="chart-value">
            {last.display}
          </text>
        )}
      </svg>
    </ChartFrame>
  );
}
