import { ChartFrame } from './ChartFrame';
import { CHART_WIDTH, colourAt, extent, scale } from './chartScale';

export interface Bar {
  key: string;
  label: string;
  value: number;
  /** The value as the reader should see it (money, percent, count). */
  display: string;
}

export interface BarChartProps {
  title: string;
  summary: string;
  bars: Bar[];
  valueHeading: string;
  labelHeading: string;
  showTable: string;
  hideTable: string;
}

const ROW = 28;
const LABEL_WIDTH = 150;

/** Horizontal bars: long labels (campaigns, members, segments) stay readable in any language. */
export function BarChart(props: BarChartProps) {
  const range = extent(props.bars.map((b) => b.value));
  const plot = CHART_WIDTH - LABEL_WIDTH - 90;
  const height = Math.max(ROW, props.bars.length * ROW);
  const zero = LABEL_WIDTH + scale(0, range, plot);
  return (
    <ChartFrame
      title={props.title}
      summary={props.summary}
      columns={[props.labelHeading, props.valueHeading]}
      rows={props.bars.map((b) => ({ key: b.key, cells: [b.label, b.display] }))}
      showTable={props.showTable}
      hideTable={props.hideTable}
    >
      <svg viewBox={`0 0 ${CHART_WIDTH} ${height}`} width="100%" aria-hidden="true">
        {props.bars.map((bar, index) => {
          const end = LABEL_WIDTH + scale(bar.value, range, plot);
          const y = index * ROW;
          return (
            <g key={bar.key}>
              <text
                x={LABEL_WIDTH - 6}
                y={y + ROW / 2 + 4}
                textAnchor="end"
                className="chart-label"
              >
                {bar.label}
              </text>
              <rect
                x={Math.min(zero, end)}
                y={y + 4}
                width={Math.max(1, Math.abs(end - zero))}
                height={ROW - 8}
                fill={colourAt(index)}
              />
              <text x={Math.max(zero, end) + 4} y={y + ROW / 2 + 4} className="chart-value">
                {bar.display}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}
