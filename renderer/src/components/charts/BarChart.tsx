import { ChartFrame } from './ChartFrame';
import { CHART_WIDTH, axisFitting, colourAt, scale } from './chartScale';

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
  /** A value on the axis in the bars' unit (money, count, percent): charts know no catalog. */
  formatTick: (value: number) => string;
  /** Values the axis always covers, e.g. 0 and 100 % for rates; the bars' own extent otherwise. */
  domain?: readonly number[];
}

const ROW = 28;
const LABEL_WIDTH = 150;
/** Room under the bars for the value axis and its labels. */
const AXIS = 24;

/**
 * Horizontal bars: long labels (campaigns, members, segments) stay readable in any language.
 * A value axis runs under them, with round ticks and a light grid to read the bars against.
 */
export function BarChart(props: BarChartProps) {
  const plot = CHART_WIDTH - LABEL_WIDTH - 90;
  const { range, ticks } = axisFitting(
    [...props.bars.map((b) => b.value), ...(props.domain ?? [])],
    plot,
    props.formatTick,
  );
  const rows = Math.max(ROW, props.bars.length * ROW);
  const at = (value: number) => LABEL_WIDTH + scale(value, range, plot);
  const zero = at(0);
  return (
    <ChartFrame
      title={props.title}
      summary={props.summary}
      columns={[props.labelHeading, props.valueHeading]}
      rows={props.bars.map((b) => ({ key: b.key, cells: [b.label, b.display] }))}
      showTable={props.showTable}
      hideTable={props.hideTable}
    >
      <svg viewBox={`0 0 ${CHART_WIDTH} ${rows + AXIS}`} width="100%" aria-hidden="true">
        {ticks.map((tick) => (
          <g key={tick} className="chart-tick">
            <line x1={at(tick)} x2={at(tick)} y1={0} y2={rows + 4} className="chart-grid" />
            <text x={at(tick)} y={rows + 17} textAnchor="middle" className="chart-label">
              {props.formatTick(tick)}
            </text>
          </g>
        ))}
        <line x1={LABEL_WIDTH} x2={LABEL_WIDTH + plot} y1={rows} y2={rows} className="chart-axis" />
        {props.bars.map((bar, index) => {
          const end = at(bar.value);
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
