import { ChartFrame } from './ChartFrame';
import { CHART_WIDTH, colourAt } from './chartScale';

export interface StackPart {
  key: string;
  label: string;
  value: number;
  display: string;
}

export interface StackedBarProps {
  title: string;
  summary: string;
  parts: StackPart[];
  labelHeading: string;
  valueHeading: string;
  showTable: string;
  hideTable: string;
}

/** Shares marked under the bar, as a percent of the whole. */
const SHARE_TICKS = [0, 25, 50, 75, 100];

/**
 * Parts of one whole side by side (members per tier), with a share axis under the bar (0 to
 * 100 %) and a legend under that.
 */
export function StackedBar(props: StackedBarProps) {
  const total = props.parts.reduce((sum, p) => sum + Math.max(0, p.value), 0);
  const widths = props.parts.map((p) =>
    total > 0 ? (Math.max(0, p.value) / total) * CHART_WIDTH : 0,
  );
  const lefts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  const legendRow = 22;
  const legendTop = 62;
  const height = legendTop + props.parts.length * legendRow;
  return (
    <ChartFrame
      title={props.title}
      summary={props.summary}
      columns={[props.labelHeading, props.valueHeading]}
      rows={props.parts.map((p) => ({ key: p.key, cells: [p.label, p.display] }))}
      showTable={props.showTable}
      hideTable={props.hideTable}
    >
      <svg viewBox={`0 0 ${CHART_WIDTH} ${height}`} width="100%" aria-hidden="true">
        {props.parts.map((part, index) => (
          <rect
            key={part.key}
            x={lefts[index]}
            y={0}
            width={widths[index]}
            height={28}
            fill={colourAt(index)}
          />
        ))}
        <line x1={0} x2={CHART_WIDTH} y1={28} y2={28} className="chart-axis" />
        {SHARE_TICKS.map((share) => {
          // The end ticks sit inside the picture: their labels align to the edge.
          const x = Math.min(CHART_WIDTH - 0.5, Math.max(0.5, (share / 100) * CHART_WIDTH));
          const anchor = share === 0 ? 'start' : share === 100 ? 'end' : 'middle';
          return (
            <g key={share} className="chart-tick">
              <line x1={x} x2={x} y1={28} y2={33} className="chart-axis" />
              <text x={x} y={46} textAnchor={anchor} className="chart-label">
                {share}%
              </text>
            </g>
          );
        })}
        {props.parts.map((part, index) => (
          <g key={part.key} transform={`translate(0, ${legendTop + index * legendRow})`}>
            <rect width={14} height={14} fill={colourAt(index)} />
            <text x={20} y={12} className="chart-label">
              {part.label}: {part.display}
            </text>
          </g>
        ))}
      </svg>
    </ChartFrame>
  );
}
