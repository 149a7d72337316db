import { describe, expect, it } from 'vitest';
import { logoSize, rasterOf } from '../../renderer/src/printer/logoRaster';

/** The store logo as the printer's dots: sizes that fit the paper, and black where it is dark. */
describe('the logo raster', () => {
  it('fits within 384 × 240 dots, keeps the shape, and makes the width a multiple of 8', () => {
    expect(logoSize(1000, 500)).toEqual({ width: 384, height: 192 });
    expect(logoSize(100, 1000)).toEqual({ width: 24, height: 240 });
    expect(logoSize(50, 20)).toEqual({ width: 48, height: 20 });
    expect(logoSize(3, 3)).toEqual({ width: 8, height: 3 });
  });

  it('dark opaque pixels are black; light, or transparent on white paper, are not', () => {
    const width = 8;
    const rgba = new Uint8ClampedArray(width * 4);
    const paint = (x: number, r: number, a: number) => rgba.set([r, r, r, a], x * 4);
    paint(0, 0, 255); // black
    paint(1, 255, 255); // white
    paint(2, 0, 0); // transparent black: paper shows
    paint(3, 100, 255); // dark grey
    paint(4, 200, 255); // light grey
    paint(5, 0, 200); // mostly opaque black
    paint(6, 255, 0);
    paint(7, 0, 255);
    const logo = rasterOf(rgba, width, 1);
    expect(logo).toMatchObject({ width: 8, height: 1 });
    expect(atob(logo.bits).charCodeAt(0)).toBe(0b1001_0101);
  });
});
