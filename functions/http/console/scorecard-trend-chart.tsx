/** One month's rate of an indicator; null: N/A (nothing in its denominator). */
export interface TrendPoint {
  readonly month: string;
  readonly rate: number | null;
}

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 44;
const BOTTOM = 28;
const TOP = 12;
const TICKS = [0, 25, 50, 75, 100];

/**
 * An indicator's rate by month as inline SVG (no script: the console's CSP forbids them): a
 * y axis in percent from 0 to 100, a bar per month labelled MM/yyyy, N/A months left empty
 * and said so, and the full-marks threshold as a dashed line when the indicator has one.
 */
export function ScorecardTrendChart(props: {
  readonly label: string;
  readonly points: readonly TrendPoint[];
  readonly fullMarksAt: number | null;
  readonly notApplicable: string;
}) {
  const plotWidth = WIDTH - LEFT - 8;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const y = (percent: number) => TOP + plotHeight - (percent / 100) * plotHeight;
  const slot = plotWidth / Math.max(1, props.points.length);
  const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;
  const described = props.points
    .map(
      (point) =>
        `${monthLabel(point.month)}: ${point.rate === null ? props.notApplicable : `${point.rate} %`}`,
    )
    .join('; ');
  return (
    <figure class="chart trend">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${props.label}. ${described}`}>
        {TICKS.map((tick) => (
          <g>
            <line class="grid" x1={LEFT} x2={WIDTH - 8} y1={y(tick)} y2={y(tick)} />
            <text class="axis" x={LEFT - 6} y={y(tick) + 4} text-anchor="end">{`${tick} %`}</text>
          </g>
        ))}
        <line class="axis-line" x1={LEFT} x2={LEFT} y1={TOP} y2={TOP + plotHeight} />
        {props.fullMarksAt === null ? null : (
          <line
            class="threshold"
            x1={LEFT}
            x2={WIDTH - 8}
            y1={y(props.fullMarksAt)}
            y2={y(props.fullMarksAt)}
          />
        )}
        {props.points.map((point, index) => {
          const x = LEFT + index * slot;
          return (
            <g>
              {point.rate === null ? (
                <text class="axis" x={x + slot / 2} y={y(0) - 4} text-anchor="middle">
                  {props.notApplicable}
                </text>
              ) : (
                <rect
                  class="ok"
                  x={x + slot * 0.2}
                  y={y(point.rate)}
                  width={slot * 0.6}
                  height={y(0) - y(point.rate)}
                />
              )}
              <text class="axis" x={x + slot / 2} y={HEIGHT - 8} text-anchor="middle">
                {monthLabel(point.month)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>{props.label}</figcaption>
    </figure>
  );
}
