import { describe, expect, it } from 'vitest';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { Locale } from '../../shared/locale';
import { lineName } from '../../shared/lineName';

/** A sale line's name in the reader's language, whatever language it was rung up in. */
describe('line names', () => {
  const words = (locale: Locale) => (key: MessageKey, params?: MessageParams) =>
    translate(locale, key, params);
  const goods = (description: string) => ({
    description,
    kind: 'goods' as const,
    giftCardCode: null,
  });

  it('names a line nobody named in the language reading it', () => {
    expect(lineName(goods(''), words('en'))).toBe('Goods');
    expect(lineName(goods(''), words('zh-Hant'))).toBe('貨品');
    expect(lineName(goods(''), words('zh-Hans'))).toBe('商品');
  });

  it('names afresh the default an older version stored in the language of the day', () => {
    expect(lineName(goods('貨品'), words('en'))).toBe('Goods');
    expect(lineName(goods('Goods'), words('zh-Hans'))).toBe('商品');
  });

  it('keeps what the cashier typed, in any language', () => {
    expect(lineName(goods('Jasmine tea'), words('zh-Hant'))).toBe('Jasmine tea');
    expect(lineName(goods('茉莉花茶'), words('en'))).toBe('茉莉花茶');
  });

  it('names gift-card lines by their kind, with the card topped up', () => {
    const sold = { description: '', kind: 'gift_card' as const, giftCardCode: 'GCF5-JPD3-2B7T' };
    const topUp = {
      description: '',
      kind: 'gift_card_topup' as const,
      giftCardCode: 'GCF5-JPD3-2B7T',
    };
    expect(lineName(sold, words('zh-Hant'))).toBe('禮品卡');
    expect(lineName(topUp, words('en'))).toBe('Gift card top-up GCF5-JPD3-2B7T');
    expect(lineName({ ...topUp, description: '禮品卡增值 GCF5-JPD3-2B7T' }, words('zh-Hans'))).toBe(
      '礼品卡充值 GCF5-JPD3-2B7T',
    );
  });
});
