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
