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
  let x = 0;
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
        {props.parts.map((part, index) => {
          const width = total > 0 ? (Math.max(0, part.value) / total) * CHART_WIDTH : 0;
          const rect = (
            <rect key={part.key} x={x} y={0} width={width} height={28} fill={colourAt(index)} />
          );
          x += width;
          return rect;
        })}
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
