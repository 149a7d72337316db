/**
 * Geometry shared by the charts: a scale from 0 (or the smallest value, when negative) to the
 * largest value. Charts draw in a fixed viewBox and let CSS size them.
 */
export const CHART_WIDTH = 480;
export const CHART_HEIGHT = 220;

export function extent(values: readonly number[]): { min: number; max: number } {
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  return { min, max: max === min ? min + 1 : max };
}

/**
 * Round values for an axis over [min, max]: steps of 1, 2 or 5 times a power of ten, whole
 * numbers only (every figure charted is an integer: minor units, counts, basis points), about
 * `target` of them, the first at or below min and the last at or above max.
 */
export function niceTicks(range: { min: number; max: number }, target = 4): number[] {
  const span = range.max - range.min;
  if (!(span > 0)) return [range.min];
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, Math.round(([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power));
  const first = Math.floor(range.min / step) * step;
  const ticks: number[] = [];
  for (let tick = first; ticks.length < 50; tick += step) {
    ticks.push(tick);
    if (tick >= range.max) break;
  }
  return ticks;
}

/** The extent of the values, widened to whole ticks: the axis starts and ends on a label. */
export function axisOf(
  values: readonly number[],
  target = 4,
): {
  range: { min: number; max: number };
  ticks: number[];
} {
  const ticks = niceTicks(extent(values), target);
  const min = ticks[0] ?? 0;
  const max = ticks[ticks.length - 1] ?? 1;
  return { range: { min, max: max === min ? min + 1 : max }, ticks };
}

/** About how wide a chart label is, in the viewBox's units (12 px text). */
export const LABEL_CHAR_WIDTH = 7;

/**
 * An axis whose labels fit side by side along `size` units: as many round ticks as leave each
 * label room (money labels are long, counts short), never fewer than the two ends.
 */
export function axisFitting(
  values: readonly number[],
  size: number,
  label: (value: number) => string,
): { range: { min: number; max: number }; ticks: number[] } {
  for (let target = 5; target > 1; target--) {
    const axis = axisOf(values, target);
    const widest = Math.max(...axis.ticks.map((tick) => label(tick).length)) * LABEL_CHAR_WIDTH;
    const spacing = size / Math.max(1, axis.ticks.length - 1);
    if (spacing >= widest + 8) return axis;
  }
  return axisOf(values, 1);
}

/** Maps a value to a length of `size` pixels over [min, max]. */
export function scale(value: number, range: { min: number; max: number }, size: number): number {
  return ((value - range.min) / (range.max - range.min)) * size;
}

/** A palette that stays tellable apart in greyscale and for the common colour blindnesses. */
export const PALETTE = [
  '#1b6ca8',
  '#e07b00',
  '#2e8b57',
  '#b8336a',
  '#6a4c93',
  '#8c6d1f',
  '#008b8b',
  '#c0392b',
  '#4d4d4d',
  '#7f9c1b',
  '#a05195',
] as const;

export function colourAt(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#4d4d4d';
}
