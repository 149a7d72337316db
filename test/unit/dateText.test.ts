import { describe, expect, it } from 'vitest';
import { dateOrder, formatDateText, parseDateText } from '../../renderer/src/components/dateText';

/** Dates typed and shown the shop's way, whatever language the browser's computer speaks. */
describe('date text', () => {
  it('orders day, month and year as the shop’s language does', () => {
    expect(dateOrder('en-HK')).toEqual(['day', 'month', 'year']);
    expect(dateOrder('zh-Hans-CN')).toEqual(['year', 'month', 'day']);
    expect(dateOrder('en-US')).toEqual(['month', 'day', 'year']);
  });

  it('shows a date with digits in that order', () => {
    expect(formatDateText('2026-12-07', 'en-HK')).toBe('07/12/2026');
    expect(formatDateText('2026-12-07', 'zh-Hans-CN')).toBe('2026/12/07');
    expect(formatDateText('', 'en-HK')).toBe('');
  });

  it('reads what was typed in that order, with any separators', () => {
    expect(parseDateText('07/12/2026', 'en-HK')).toBe('2026-12-07');
    expect(parseDateText('7-12-2026', 'en-HK')).toBe('2026-12-07');
    expect(parseDateText(' 7 12 2026 ', 'en-HK')).toBe('2026-12-07');
    expect(parseDateText('2026/12/7', 'zh-Hans-CN')).toBe('2026-12-07');
  });

  it('refuses what is not a real date in that order', () => {
    expect(parseDateText('12/31/2026', 'en-HK')).toBeNull();
    expect(parseDateText('31/02/2026', 'en-HK')).toBeNull();
    expect(parseDateText('31/12/26', 'en-HK')).toBeNull();
    expect(parseDateText('2026-12-31', 'en-HK')).toBeNull();
    expect(parseDateText('', 'en-HK')).toBeNull();
    expect(parseDateText('1/2/3/4', 'en-HK')).toBeNull();
  });
});
