import { formatVietnamTime } from './console-text';

export interface ChartSeries {
  /** The CSS class of its bars and legend: ok (green), bad (red), held (amber). */
  readonly tone: 'ok' | 'bad' | 'held';
  readonly label: string;
  /** One value per slot. */
  readonly values: readonly number[];
}

const WIDTH = 640;
const HEIGHT = 230;
const MARGIN = { top: 12, right: 10, bottom: 44, left: 52 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;

/** The smallest 1, 2 or 5 times a power of ten at or above `value`: a y axis people can read. */
function roundedUp(value: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(1, value)));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? value;
}

/**
 * Stacked bars as inline SVG, rendered on the server (the console's CSP forbids all scripts):
 * a y axis with ticks and its unit, a time axis with a tick every `tickEvery` slots, and a
 * legend with each series' total.
 */
export function BarChart(props: {
  readonly label: string;
  /** What one bar counts, the y axis title: "tin / 10 phút". */
  readonly unit: string;
  /** The x axis title: "Giờ (giờ Việt Nam)". */
  readonly timeAxis: string;
  /** Each slot's start as an ISO instant (UTC). */
  readonly slots: readonly string[];
  readonly tickEvery: number;
  readonly series: readonly ChartSeries[];
}) {
  const stacked = props.slots.map((_, slot) =>
    props.series.reduce((sum, series) => sum + (series.values[slot] ?? 0), 0),
  );
  const top = roundedUp(Math.max(1, ...stacked));
  const ticks = top <= 2 ? [0, top] : [0, top / 2, top].filter(Number.isInteger);
  const y = (value: number) => MARGIN.top + PLOT_HEIGHT - (value / top) * PLOT_HEIGHT;
  const slotWidth = PLOT_WIDTH / Math.max(1, props.slots.length);
  const totals = props.series.map((series) => series.values.reduce((sum, value) => sum + value, 0));
  const summary = props.series.map((series, index) => `${series.label} ${totals[index]}`).join(', ');
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${props.label}: ${summary}`}>
        {ticks.map((tick) => (
          <g class="tick">
            <line class="grid" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
            <text x={MARGIN.left - 6} y={y(tick) + 4} text-anchor="end">
              {tick}
            </text>
          </g>
        ))}
        {props.slots.map((slot, index) => {
          let base = 0;
          return (
            <g>
              {props.series.map((series) => {
                const value = series.values[index] ?? 0;
                const bar = (
                  <rect
                    class={series.tone}
                    x={MARGIN.left + index * slotWidth + 1}
                    y={y(base + value)}
                    width={Math.max(1, slotWidth - 2)}
                    height={y(base) - y(base + value)}
                  />
                );
                base += value;
                return value > 0 ? bar : null;
              })}
              {index % props.tickEvery === 0 ? (
                <g class="tick">
                  <line
                    class="axis"
                    x1={MARGIN.left + index * slotWidth}
                    x2={MARGIN.left + index * slotWidth}
                    y1={MARGIN.top + PLOT_HEIGHT}
                    y2={MARGIN.top + PLOT_HEIGHT + 5}
                  />
                  <text
                    x={MARGIN.left + index * slotWidth}
                    y={MARGIN.top + PLOT_HEIGHT + 18}
                    text-anchor="middle"
                  >
                    {formatVietnamTime(slot).slice(11)}
                  </text>
                </g>
              ) : null}
            </g>
          );
        })}
        <line class="axis" x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={MARGIN.top + PLOT_HEIGHT} />
        <line
          class="axis"
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={MARGIN.top + PLOT_HEIGHT}
          y2={MARGIN.top + PLOT_HEIGHT}
        />
        <text
          class="axis-title"
          transform={`translate(14 ${MARGIN.top + PLOT_HEIGHT / 2}) rotate(-90)`}
          text-anchor="middle"
        >
          {props.unit}
        </text>
        <text class="axis-title" x={MARGIN.left + PLOT_WIDTH / 2} y={HEIGHT - 6} text-anchor="middle">
          {props.timeAxis}
        </text>
      </svg>
      <figcaption>
        {props.label}:{' '}
        {props.series.map((series, index) => (
          <>
            {index > 0 ? ' · ' : ''}
            <span class={`${series.tone}-text`}>
              {series.label} {totals[index]}
            </span>
          </>
        ))}
      </figcaption>
    </figure>
  );
}
