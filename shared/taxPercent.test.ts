import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTaxPercent, taxPercentText, taxRateLabel } from './taxPercent';

describe('a typed tax percentage', () => {
  it('becomes basis points exactly, whatever a float would make of it', () => {
    expect(parseTaxPercent('8.25')).toBe(825);
    expect(parseTaxPercent('8')).toBe(800);
    expect(parseTaxPercent('8.')).toBe(800);
    expect(parseTaxPercent('8.5')).toBe(850);
    expect(parseTaxPercent('8.50')).toBe(850);
    expect(parseTaxPercent('0.07')).toBe(7);
    // 1.15 × 100 is 114.99999999999999 in floating point.
    expect(parseTaxPercent('1.15')).toBe(115);
    expect(parseTaxPercent('4.35')).toBe(435);
    expect(parseTaxPercent(' 17.5% ')).toBe(1750);
    expect(parseTaxPercent('0')).toBe(0);
    expect(parseTaxPercent('100')).toBe(10_000);
  });

  it('is refused when it is not a percentage from 0 to 100 with up to two decimals', () => {
    for (const bad of [
      '',
      ' ',
      '8.255',
      '-8',
      '+8',
      '100.01',
      '101',
      '1000',
      '8,25',
      '.5',
      'eight',
      '8e1',
      '0x10',
      '8 %%',
      'Infinity',
      'NaN',
      '８',
      '8.2.5',
    ]) {
      expect(parseTaxPercent(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('reads back as it was written for every rate from 0 to 100%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (basisPoints) => {
        expect(parseTaxPercent(taxPercentText(basisPoints))).toBe(basisPoints);
      }),
    );
  });
});

describe('a rate on a receipt', () => {
  it('shows as few decimals as it needs', () => {
    expect(taxRateLabel(800)).toBe('8%');
    expect(taxRateLabel(825)).toBe('8.25%');
    expect(taxRateLabel(850)).toBe('8.5%');
    expect(taxRateLabel(5)).toBe('0.05%');
    expect(taxRateLabel(10_000)).toBe('100%');
  });
});
