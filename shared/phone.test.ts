import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPhone, maskPhone, normalisePhone, type PhoneCountry } from './phone';

describe('normalisePhone: what a cashier types → E.164', () => {
  it.each([
    ['9123 4567', 'HK', '+85291234567', '91234567'],
    ['91234567', 'HK', '+85291234567', '91234567'],
    ['+852 9123-4567', 'HK', '+85291234567', '91234567'],
    ['(852) 9123 4567', 'HK', '+85291234567', '91234567'],
    ['  6123 4567  ', 'HK', '+85261234567', '61234567'],
    ['2123 4567', 'HK', '+85221234567', '21234567'],
    ['0912345678', 'TW', '+886912345678', '912345678'],
    ['0912-345-678', 'TW', '+886912345678', '912345678'],
    ['13812345678', 'CN', '+8613812345678', '13812345678'],
    ['138 1234 5678', 'CN', '+8613812345678', '13812345678'],
    ['6612 3456', 'MO', '+85366123456', '66123456'],
    ['8123 4567', 'SG', '+6581234567', '81234567'],
    ['+1 212 555 0100', 'HK', '+12125550100', '2125550100'],
  ] as const)('%j in %s → %s (national %s)', (typed, country, e164, national) => {
    expect(normalisePhone(typed, country)).toEqual({ e164, national });
  });

  it.each([
    ['9123 456', 'HK', 'HK mobile with 7 digits (one short)'],
    ['9123', 'HK', 'HK with 4 digits'],
    ['91234', 'HK', 'HK with 5 digits'],
    ['9123 45678', 'HK', 'HK with 9 digits'],
    ['9123 4567 890', 'HK', 'HK with 11 digits'],
    ['1234 5678', 'HK', 'HK numbers never start with 1'],
    ['091234567', 'TW', 'TW mobile with 9 digits (one short)'],
    ['138 1234 567', 'CN', 'CN mobile with 10 digits (one short)'],
    ['138 1234 56789', 'CN', 'CN mobile with 12 digits'],
    ['9123abcd', 'HK', 'letters'],
    ['9123 4567 x12', 'HK', 'an extension'],
    ['九一二三四五六七', 'HK', 'Han numerals'],
    ['９１２３４５６７', 'HK', 'full-width digits'],
    ['', 'HK', 'empty'],
    ['   ', 'HK', 'blank'],
    ['+', 'HK', 'only a plus'],
    ['9'.repeat(33), 'HK', '33 characters'],
    ["'; DROP TABLE member; --", 'HK', 'SQL'],
  ] as const)('%j in %s → null (%s)', (typed, country, _why) => {
    expect(normalisePhone(typed, country as PhoneCountry)).toBeNull();
  });

  it('property: any string is either rejected or becomes a "+<digits>" E.164 that ends in its national number', () => {
    const countries: PhoneCountry[] = ['HK', 'MO', 'TW', 'CN', 'SG', 'MY', 'US', 'GB'];
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^\+?[0-9 ()-]{0,20}$/)),
        fc.constantFrom(...countries),
        (typed, country) => {
          const phone = normalisePhone(typed, country);
          if (phone) {
            expect(phone.e164).toMatch(/^\+[1-9]\d{6,14}$/);
            expect(phone.e164.endsWith(phone.national)).toBe(true);
            // Normalising the normal form is a fixed point.
            expect(normalisePhone(phone.e164, country)).toEqual(phone);
          }
        },
      ),
    );
  });
});

describe('formatPhone', () => {
  it('+85291234567 → "+852 9123 4567"', () => {
    expect(formatPhone('+85291234567')).toBe('+852 9123 4567');
  });
  it('returns anything unparseable unchanged', () => {
    expect(formatPhone('garbage')).toBe('garbage');
  });
});

describe('maskPhone: enough to tell two members apart, not enough to call them', () => {
  it('shows only the last four digits', () => {
    expect(maskPhone('+85291234567')).toBe('•••• 4567');
    expect(maskPhone('+8613812345678')).toBe('•••• 5678');
  });

  it('shows nothing of a number too short to hide', () => {
    expect(maskPhone('+123')).toBe('••••');
    expect(maskPhone('')).toBe('••••');
  });
});
