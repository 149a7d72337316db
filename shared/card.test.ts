import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CARD_LENGTH,
  ean13CheckDigit,
  formatCardNumber,
  isCardNumber,
  makeCardNumber,
  cardNumberFrom,
} from './card';

describe('ean13CheckDigit = (10 − (Σ odd-position digits + 3 × Σ even-position digits) mod 10) mod 10', () => {
  it.each([
    [
      '400638133393 (a real EAN-13): 4+0+3+1+3+9=20, 3×(0+6+8+3+3+3)=69, (10−89 mod 10) mod 10 = 1',
      '400638133393',
      1,
    ],
    [
      '212345000001: 2+2+4+0+0+0=8, 3×(1+3+5+0+0+1)=30, (10−38 mod 10) mod 10 = 2',
      '212345000001',
      2,
    ],
    ['299999999999: 2+9×5=47, 3×9×6=162, (10−209 mod 10) mod 10 = 1', '299999999999', 1],
    ['200000000000: 2, 0, (10−2) mod 10 = 8', '200000000000', 8],
    ['200000000005: 2, 3×5=15, (10−17 mod 10) mod 10 = 3', '200000000005', 3],
    ['000000000000: sum 0 → (10−0) mod 10 = 0', '000000000000', 0],
  ])('%s', (_name, first12, check) => {
    expect(ean13CheckDigit(first12)).toBe(check);
  });
});

describe('makeCardNumber = "2" + terminal(5) + sequence(6) + check digit', () => {
  it.each([
    ['terminal 12345, card 1 → 2 12345 000001 2', 12345, 1, '2123450000012'],
    ['terminal 10000, card 1 → 2 10000 000001 2 (lowest terminal)', 10000, 1, '2100000000012'],
    [
      'terminal 99999, card 999999 → 2 99999 999999 1 (highest of both)',
      99999,
      999999,
      '2999999999991',
    ],
  ])('%s', (_name, terminal, seq, card) => {
    expect(makeCardNumber(terminal, seq)).toBe(card);
    expect(card).toHaveLength(CARD_LENGTH);
    expect(isCardNumber(card)).toBe(true);
  });

  it.each([
    ['terminal 9999 (below 10000)', 9999, 1],
    ['terminal 100000 (above 99999)', 100000, 1],
    ['terminal 12345.5 (not an integer)', 12345.5, 1],
    ['terminal NaN', Number.NaN, 1],
    ['sequence 0 (below 1)', 12345, 0],
    ['sequence 1000000 (above 999999)', 12345, 1_000_000],
    ['sequence 1.5 (not an integer)', 12345, 1.5],
    ['sequence Infinity', 12345, Number.POSITIVE_INFINITY],
  ])('refuses %s with a RangeError', (_name, terminal, seq) => {
    expect(() => makeCardNumber(terminal, seq)).toThrow(RangeError);
  });
});

describe('isCardNumber', () => {
  it.each([
    ['2123450000012', true, 'a card we minted'],
    ['2123450000013', false, 'check digit off by one'],
    ['4006381333931', false, 'a valid retail EAN-13, but not in the in-store "2" range'],
    ['212345000001', false, '12 digits'],
    ['21234500000120', false, '14 digits'],
    [' 2123450000012', false, 'a leading blank'],
    ['2123450000012\n', false, 'a trailing newline (scanners send Enter)'],
    ['2 12345 000001 2', false, 'the printed, spaced form'],
    ['212345000001２', false, 'a full-width digit'],
    ['', false, 'empty'],
  ])('%j → %s (%s)', (text, expected) => {
    expect(isCardNumber(text)).toBe(expected);
  });
});

describe('cardNumberFrom: a card number as typed', () => {
  it('takes it as printed, with spaces or dashes, or run together', () => {
    expect(cardNumberFrom('2 12345 000001 2')).toBe('2123450000012');
    expect(cardNumberFrom('2-12345-000001-2')).toBe('2123450000012');
    expect(cardNumberFrom(' 2123450000012 ')).toBe('2123450000012');
    expect(cardNumberFrom('2 12345-000001  2')).toBe('2123450000012');
  });

  it('refuses anything that is not then a card number with its check digit', () => {
    expect(cardNumberFrom('2 12345 000001 3')).toBeNull();
    expect(cardNumberFrom('2.12345.000001.2')).toBeNull();
    expect(cardNumberFrom('9123 4567')).toBeNull();
    expect(cardNumberFrom('')).toBeNull();
    expect(cardNumberFrom('２１２３４５０００００１２')).toBeNull();
  });
});

describe('formatCardNumber', () => {
  it('prints 2123450000012 as "2 12345 000001 2"', () => {
    expect(formatCardNumber('2123450000012')).toBe('2 12345 000001 2');
  });
  it('leaves anything that is not 13 characters alone', () => {
    expect(formatCardNumber('12345')).toBe('12345');
  });
});

describe('properties', () => {
  const terminal = fc.integer({ min: 10000, max: 99999 });
  const sequence = fc.integer({ min: 1, max: 999999 });
  const card = fc.tuple(terminal, sequence).map(([t, s]) => makeCardNumber(t, s));

  it('every minted card is 13 digits, starts with 2 and passes isCardNumber', () => {
    fc.assert(
      fc.property(terminal, sequence, (t, s) => {
        const number = makeCardNumber(t, s);
        expect(number).toMatch(/^2\d{12}$/);
        expect(number.slice(1, 6)).toBe(String(t));
        expect(Number(number.slice(6, 12))).toBe(s);
        expect(isCardNumber(number)).toBe(true);
      }),
    );
  });

  it('two different (terminal, sequence) pairs never mint the same card', () => {
    fc.assert(
      fc.property(terminal, sequence, terminal, sequence, (t1, s1, t2, s2) => {
        fc.pre(t1 !== t2 || s1 !== s2);
        expect(makeCardNumber(t1, s1)).not.toBe(makeCardNumber(t2, s2));
      }),
    );
  });

  it('any single-digit change is caught (weights 1 and 3 are both prime to 10)', () => {
    fc.assert(
      fc.property(
        card,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 9 }),
        (number, position, delta) => {
          const digits = number.split('').map(Number);
          digits[position] = ((digits[position] as number) + delta) % 10;
          expect(isCardNumber(digits.join(''))).toBe(false);
        },
      ),
    );
  });

  it('an adjacent transposition of different digits a,b is caught unless |a − b| = 5', () => {
    // Swapping neighbours moves a digit between weight 1 and weight 3: the sum changes by
    // 2(a − b), which is 0 mod 10 exactly when a − b = ±5. Position 0 must stay "2" for our range.
    fc.assert(
      fc.property(card, fc.integer({ min: 0, max: 11 }), (number, i) => {
        const a = number[i] as string;
        const b = number[i + 1] as string;
        fc.pre(a !== b);
        const swapped = number.slice(0, i) + b + a + number.slice(i + 2);
        const undetectable = i > 0 && Math.abs(Number(a) - Number(b)) === 5;
        expect(isCardNumber(swapped)).toBe(undetectable);
      }),
    );
  });

  it('the |a − b| = 5 blind spot is real: 2123450000012 with 0,5 swapped still checks', () => {
    // Positions 5 and 6 hold 5 and 0.
    const card1 = makeCardNumber(12345, 1);
    const swapped = `${card1.slice(0, 5)}${card1[6]}${card1[5]}${card1.slice(7)}`;
    expect(swapped).toBe('2123405000012');
    expect(isCardNumber(swapped)).toBe(true);
  });
});
