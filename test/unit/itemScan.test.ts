import { describe, expect, it } from 'vitest';
import { scannedCode } from '../../shared/catalogue';
import { makeCardNumber } from '../../shared/card';
import { makeCode } from '../../shared/rules/codes';
import {
  MAX_AVERAGE_GAP_MS,
  MAX_PAUSE_MS,
  ScannerBuffer,
  type Scan,
} from '../../renderer/src/hooks/scannerBuffer';
import { ean13, upcA } from './helpers/catalogue';

/**
 * The scanner wedge's rule: what a fast run of keys ending in Enter read (a member card, an item's
 * EAN-13, UPC-A or Code 128 text), told apart by prefix and check digit in shared/catalogue.ts,
 * and by timing in the renderer's buffer.
 */

/** Feeds `text` then Enter, `gapMs` apart from `startAt`; the result of the Enter. */
function type(buffer: ScannerBuffer, text: string, gapMs: number, startAt = 1000): Scan | null {
  let at = startAt;
  for (const key of text) {
    expect(buffer.feed(key, at)).toBeNull();
    at += gapMs;
  }
  return buffer.feed('Enter', at);
}

const card = makeCardNumber(12345, 1);
const milkTea = ean13('400638133393');
const lemonTea = upcA('03600029145');

describe('what a scan read (shared/catalogue.ts)', () => {
  it('is a member card when it starts with 2 and its EAN-13 check digit is good', () => {
    expect(scannedCode(card)).toEqual({ kind: 'card', card });
  });

  it('is an item for another EAN-13, a UPC-A, or Code 128 text', () => {
    expect(scannedCode(milkTea)).toEqual({ kind: 'item', code: milkTea, barcode: 'ean13' });
    expect(scannedCode(lemonTea)).toEqual({ kind: 'item', code: lemonTea, barcode: 'upca' });
    expect(scannedCode('CK3-BOX')).toEqual({ kind: 'item', code: 'CK3-BOX', barcode: 'code128' });
  });

  it('is nothing for a 13-digit number with a wrong check digit, or the program’s own codes', () => {
    const wrong = `${card.slice(0, 12)}${(Number(card[12]) + 1) % 10}`;
    expect(scannedCode(wrong)).toBeNull();
    expect(scannedCode('4006381333932')).toBeNull();
    expect(scannedCode(makeCode('coupon'))).toBeNull();
    expect(scannedCode(makeCode('giftCard').replace(/-/g, ''))).toBeNull();
    expect(scannedCode('貨品')).toBeNull();
  });
});

describe('the scanner buffer', () => {
  it('reads a member card, an EAN-13 and a UPC-A at a scanner’s pace', () => {
    expect(type(new ScannerBuffer(), card, 5)?.scanned).toEqual({ kind: 'card', card });
    expect(type(new ScannerBuffer(), milkTea, 5)?.scanned).toMatchObject({ code: milkTea });
    expect(type(new ScannerBuffer(), lemonTea, 5)?.scanned).toMatchObject({ barcode: 'upca' });
  });

  it('reads Code 128 text with letters, capitals typed with Shift held', () => {
    const buffer = new ScannerBuffer();
    let at = 0;
    for (const key of ['Shift', 'C', 'Shift', 'K', '3', '-', 'Shift', 'B', 'O', 'X']) {
      buffer.feed(key, (at += 3));
    }
    expect(buffer.feed('Enter', at + 3)).toEqual({
      typed: 'CK3-BOX',
      scanned: { kind: 'item', code: 'CK3-BOX', barcode: 'code128' },
    });
  });

  it('takes the scan that follows digits already typed in the price field', () => {
    const buffer = new ScannerBuffer();
    buffer.feed('1', 0);
    buffer.feed('2', 150);
    expect(type(buffer, milkTea, 5, 300)).toEqual({
      typed: milkTea,
      scanned: { kind: 'item', code: milkTea, barcode: 'ean13' },
    });
  });

  it('leaves a person’s typing alone: a price, a slow number, a word typed quickly', () => {
    expect(type(new ScannerBuffer(), '12.50', 80)).toBeNull();
    expect(type(new ScannerBuffer(), milkTea, MAX_AVERAGE_GAP_MS + 20)).toBeNull();
    // A checked number may come at up to MAX_AVERAGE_GAP_MS a key; text must come far faster.
    expect(type(new ScannerBuffer(), 'milk tea', 60)).toBeNull();
    expect(type(new ScannerBuffer(), 'abc', 2)).toBeNull();
    expect(type(new ScannerBuffer(), 'milk', 5)?.scanned).toMatchObject({ code: 'milk' });
  });

  it('drops a run broken by a long pause or another key', () => {
    const paused = new ScannerBuffer();
    for (const [i, key] of [...milkTea].entries()) paused.feed(key, i * 5);
    expect(paused.feed('Enter', 60 + MAX_PAUSE_MS + 1)).toBeNull();
    const broken = new ScannerBuffer();
    for (const [i, key] of [...milkTea].entries()) broken.feed(key, i * 5);
    broken.feed('Backspace', 70);
    expect(broken.feed('Enter', 75)).toBeNull();
  });
});
