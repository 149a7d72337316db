import type { PrinterLogo } from '../../../shared/printer';
import { logoSize, rasterOf } from './logoRaster';

/** Reads an image file and turns it into printer dots; null when the browser cannot read it. */
export async function logoFromFile(file: File): Promise<PrinterLogo | null> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return null;
  }
  const size = logoSize(bitmap.width, bitmap.height);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const pixels = context.getImageData(0, 0, size.width, size.height);
  return rasterOf(pixels.data, size.width, size.height);
}
