import { MAX_LOGO_HEIGHT, MAX_LOGO_WIDTH, type PrinterLogo } from '../../../shared/printer';

/** The size a picture is drawn at for the printer: within 384 × 240 dots, width a multiple of 8. */
export function logoSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_LOGO_WIDTH / width, MAX_LOGO_HEIGHT / height);
  const scaledWidth = Math.max(8, Math.floor((width * scale) / 8) * 8);
  const scaledHeight = Math.max(1, Math.min(MAX_LOGO_HEIGHT, Math.round(height * scale)));
  return { width: scaledWidth, height: scaledHeight };
}

/**
 * A picture's RGBA pixels as the printer's 1-bit dots: a pixel is black when it is dark and not
 * transparent (a logo on a transparent background prints on white paper).
 */
export function rasterOf(rgba: Uint8ClampedArray, width: number, height: number): PrinterLogo {
  const rowBytes = width / 8;
  const bits = new Uint8Array(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 4;
      const alpha = (rgba[at + 3] ?? 0) / 255;
      const luminance =
        0.299 * (rgba[at] ?? 255) + 0.587 * (rgba[at + 1] ?? 255) + 0.114 * (rgba[at + 2] ?? 255);
      // Composite on white paper, then a plain threshold: logos are drawn in flat colours.
      const onWhite = luminance * alpha + 255 * (1 - alpha);
      const index = y * rowBytes + (x >> 3);
      if (onWhite < 128) bits[index] = (bits[index] ?? 0) | (0x80 >> (x & 7));
    }
  }
  let binary = '';
  for (const byte of bits) binary += String.fromCharCode(byte);
  return { width, height, bits: btoa(binary) };
}
