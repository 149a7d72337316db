import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cashTendered } from './cashTendered';

describe('cashTendered', () => {
  it('change is received − due; exact cash gives no change; short is refused with the gap', () => {
    expect(cashTendered(20_000, 15_450)).toEqual({ ok: true, changeMinor: 4550 });
    expect(cashTendered(15_450, 15_450)).toEqual({ ok: true, changeMinor: 0 });
    expect(cashTendered(15_000, 15_450)).toEqual({ ok: false, shortMinor: 450 });
    expect(cashTendered(0, 0)).toEqual({ ok: true, changeMinor: 0 });
  });

  it('never a float: fractional or unsafe amounts are a programming error', () => {
    expect(() => cashTendered(100.5, 100)).toThrow(RangeError);
    expect(() => cashTendered(100, Number.MAX_SAFE_INTEGER + 2)).toThrow(RangeError);
  });

  it('received = due + change whenever it is accepted, and short + received = due otherwise', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(10_000_000), (received, due) => {
        const result = cashTendered(received, due);
        if (result.ok) expect(due + result.changeMinor).toBe(received);
        else expect(received + result.shortMinor).toBe(due);
        expect(result.ok).toBe(received >= due);
      }),
    );
  });
});
