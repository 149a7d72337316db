import { describe, expect, it } from 'vitest';
import { firstNameOf, maskPhone, pseudonymOf } from './memberDisplay';

describe('a member as lists show them', () => {
  it.each([
    ['John Smith', 'John'],
    ['  Amy  Lee ', 'Amy'],
    ['王小明', '小明'],
    ['李明', '明'],
    ['王', '王'],
    ['Chan Tai Man', 'Chan'],
    ['陳 大文', '陳'],
    ['', ''],
  ])('%j shows as %j', (name, shown) => {
    expect(firstNameOf(name)).toBe(shown);
  });

  it('masks the phone to its last four digits', () => {
    expect(maskPhone('+85291234567')).toBe('•••• 4567');
  });

  it('names a member pseudonymously by the end of their id', () => {
    expect(pseudonymOf('01890000-0000-7000-8000-00000000abcd')).toBe('M-0000ABCD');
  });
});
