import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import {
  columnsOfPaper,
  type PaperWidth,
  type PrinterCharset,
  type PrinterLogo,
} from '../../../shared/printer';
import { columnsOf, encodeDoubleByte } from './doubleByte';
import type { PrintBlock } from './receiptLayout';

/** What a printout needs to know of the printer it goes to. */
export interface PaperSetup {
  paperWidth: PaperWidth;
  charset: PrinterCharset;
  logo: PrinterLogo | null;
}

/** Dots a line: 8 dots a millimetre over the printable width of each paper. */
const dotsOfPaper: Record<PaperWidth, number> = { 58: 384, 80: 576 };

const FS_DOUBLE_BYTE_ON = [0x1c, 0x26];
const GS = 0x1d;

/** Splits a text into lines no wider than the paper, at spaces where it can. */
export function wrapText(value: string, columns: number, charset: PrinterCharset): string[] {
  const lines: string[] = [];
  let line = '';
  const push = () => {
    lines.push(line.trimEnd());
    line = '';
  };
  for (const word of value.split(/(?<= )/)) {
    if (columnsOf(line + word.trimEnd(), charset) <= columns) {
      line += word;
      continue;
    }
    if (line !== '') push();
    for (const char of word) {
      if (columnsOf(line + char, charset) > columns) push();
      line += char;
    }
  }
  if (line !== '' || lines.length === 0) push();
  return lines;
}

/** A label and an amount on one line, or the label wrapped with the amount right under it. */
function pairLines(
  left: string,
  right: string,
  columns: number,
  charset: PrinterCharset,
): string[] {
  const room = columns - columnsOf(right, charset) - 1;
  if (columnsOf(left, charset) <= room) {
    return [
      left + ' '.repeat(columns - columnsOf(left, charset) - columnsOf(right, charset)) + right,
    ];
  }
  const pad = Math.max(0, columns - columnsOf(right, charset));
  return [...wrapText(left, columns, charset), ' '.repeat(pad) + right];
}

/**
 * The ESC/POS command of a Code 128 barcode (GS k 73): digits in code set C (two to a symbol,
 * after one in set B when there is an odd number), anything else in set B. Null when it would
 * not fit the paper at two dots a module: such a code prints as a QR code instead.
 */
function code128(code: string, dots: number): number[] | null {
  const digits = /^\d{4,}$/.test(code);
  const data: number[] = [];
  let symbols: number;
  if (digits) {
    const odd = code.length % 2 === 1;
    if (odd) data.push(0x7b, 0x42, code.charCodeAt(0));
    data.push(0x7b, 0x43);
    for (let i = odd ? 1 : 0; i < code.length; i += 2) data.push(Number(code.slice(i, i + 2)));
    symbols = (odd ? 2 : 0) + Math.floor(code.length / 2);
  } else {
    data.push(0x7b, 0x42, ...Array.from(code, (char) => char.charCodeAt(0) & 0x7f));
    symbols = code.length;
  }
  // Start, symbols and check of 11 modules each, and a 13-module stop.
  const modules = (symbols + 2) * 11 + 13;
  const width = modules * 3 <= dots ? 3 : 2;
  if (modules * width > dots) return null;
  return [
    ...[GS, 0x48, 0x02], // human-readable digits below
    ...[GS, 0x68, 80], // 10 mm high
    ...[GS, 0x77, width],
    ...[GS, 0x6b, 73, data.length, ...data],
    0x0a,
  ];
}

/** The logo's 1-bit dots as the RGBA image the encoder takes. */
function logoImage(logo: PrinterLogo) {
  const bits = Buffer.from(logo.bits, 'base64');
  const rowBytes = logo.width / 8;
  const data = new Uint8ClampedArray(logo.width * logo.height * 4);
  for (let y = 0; y < logo.height; y++) {
    for (let x = 0; x < logo.width; x++) {
      const black = ((bits[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
      const at = (y * logo.width + x) * 4;
      const value = black ? 0 : 255;
      data[at] = value;
      data[at + 1] = value;
      data[at + 2] = value;
      data[at + 3] = 255;
    }
  }
  // The encoder takes heights in whole bands of 8 dots.
  const height = Math.ceil(logo.height / 8) * 8;
  const padded = new Uint8ClampedArray(logo.width * height * 4).fill(255);
  padded.set(data);
  return { image: { data: padded, width: logo.width, height }, height };
}

function encoderFor(setup: PaperSetup) {
  return new ReceiptPrinterEncoder({
    language: 'esc-pos',
    columns: columnsOfPaper[setup.paperWidth],
    imageMode: 'raster',
    feedBeforeCut: 4,
  });
}

/**
 * A printout's bytes: reset, double-byte mode on, the blocks, then the drawer pulse when asked
 * and a partial cut. Text is sent as the printer's double-byte characters (doubleByte.ts); the
 * encoder lays out everything else.
 */
export function printoutBytes(
  blocks: readonly PrintBlock[],
  setup: PaperSetup,
  options: { drawer: boolean },
): Uint8Array {
  const columns = columnsOfPaper[setup.paperWidth];
  const dots = dotsOfPaper[setup.paperWidth];
  const encoder = encoderFor(setup).initialize().raw(FS_DOUBLE_BYTE_ON);
  const textLine = (value: string) => encoder.raw(encodeDoubleByte(value, setup.charset)).newline();
  for (const block of blocks) {
    switch (block.kind) {
      case 'logo':
        if (setup.logo && setup.logo.width <= dots) {
          const { image, height } = logoImage(setup.logo);
          encoder.align('center').image(image, image.width, height, 'threshold').align('left');
        }
        break;
      case 'title':
        encoder.align('center').bold(true).size(1, 2);
        wrapText(block.text, columns, setup.charset).forEach(textLine);
        encoder.size(1, 1).bold(false).align('left');
        break;
      case 'center':
        encoder.align('center');
        wrapText(block.text, columns, setup.charset).forEach(textLine);
        encoder.align('left');
        break;
      case 'heading':
        encoder.bold(true);
        wrapText(block.text, columns, setup.charset).forEach(textLine);
        encoder.bold(false);
        break;
      case 'text':
        wrapText(block.text, columns, setup.charset).forEach(textLine);
        break;
      case 'pair':
        pairLines(block.left, block.right, columns, setup.charset).forEach(textLine);
        break;
      case 'rule':
        textLine('-'.repeat(columns));
        break;
      case 'barcode': {
        const command = code128(block.code, dots);
        encoder.align('center');
        if (command) encoder.raw(command);
        else encoder.qrcode(block.code, { size: 6 }).newline();
        encoder.align('left');
        break;
      }
      default: {
        const never: never = block;
        return never;
      }
    }
  }
  if (options.drawer) encoder.pulse();
  return encoder.cut('partial').encode();
}

/** "No sale": only the drawer pulse, nothing on paper. */
export function drawerPulseBytes(setup: PaperSetup): Uint8Array {
  return encoderFor(setup).initialize().pulse().encode();
}
