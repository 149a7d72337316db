import { ChartFrame } from './ChartFrame';
import { CHART_HEIGHT, CHART_WIDTH, extent, scale } from './chartScale';

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
}

const PAD = { left: 8, right: 8, top: 16, bottom: 24 };

/** A value over time (points liability per day): the first and last labels under the axis. */
export function LineChart(props: LineChartProps) {
  const range = extent(props.points.map((p) => p.value));
  const width = CHART_WIDTH - PAD.left - PAD.right;
  const height = CHART_HEIGHT - PAD.top - PAD.bottom;
  const step = props.points.length > 1 ? width / (props.points.length - 1) : 0;
  const xy = props.points.map((p, i) => [
    PAD.left + i * step,
    PAD.top + height - scale(p.value, range, height),
  ]);
  const path = xy.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x?.toFixed(1)},${y?.toFixed(1)}`);
  const first = props.points[0];
  const last = props.points[props.points.length - 1];
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
        <line
          x1={PAD.left}
          x2={PAD.left + width}
          y1={PAD.top + height - scale(0, range, height)}
          y2={PAD.top + height - scale(0, range, height)}
          className="chart-axis"
        />
        <path d={path.join(' ')} className="chart-line" fill="none" />
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
          <text x={PAD.left + width} y={PAD.top - 4} textAnchor="end" className="chart-value">
            {last.display}
          </text>
        )}
      </svg>
    </ChartFrame>
  );
}
