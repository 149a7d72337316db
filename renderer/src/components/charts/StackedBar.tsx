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

/** Parts of one whole side by side (members per tier), with a legend under the bar. */
export function StackedBar(props: StackedBarProps) {
  const total = props.parts.reduce((sum, p) => sum + Math.max(0, p.value), 0);
  const widths = props.parts.map((p) =>
    total > 0 ? (Math.max(0, p.value) / total) * CHART_WIDTH : 0,
  );
  const lefts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  const legendRow = 22;
  const height = 40 + props.parts.length * legendRow;
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
        {props.parts.map((part, index) => (
          <g key={part.key} transform={`translate(0, ${40 + index * legendRow})`}>
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
