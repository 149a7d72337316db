import { describe, expect, it } from 'vitest';
import { exceptionSummary } from '../../renderer/office/exceptions/exceptionSummary';

/** Each row of head office's exceptions list says who and where, from the exception's facts. */
describe('exception summary', () => {
  const member = (name: string, storeName: string, phoneE164 = '+85291234567') => ({
    id: '01a199e2-8f09-78f0-a94f-87739f1d3ed9',
    name,
    phoneE164,
    cardNumber: '2408320000041',
    storeName,
  });

  it('a merge: both members, the phone masked, both stores', () => {
    expect(
      exceptionSummary({
        kind: 'member_merged',
        facts: {
          phoneE164: '+85291234567',
          survivor: member('陳大文', 'Mong Kok'),
          merged: member('Chan Tai Man', 'Causeway Bay'),
        },
      }),
    ).toEqual({
      who: ['陳大文', 'Chan Tai Man'],
      phone: '•••• 4567',
      what: null,
      where: ['Mong Kok', 'Causeway Bay'],
    });
  });

  it('the same name and store twice are said once', () => {
    expect(
      exceptionSummary({
        kind: 'member_merged',
        facts: {
          phoneE164: '+85291234567',
          survivor: member('Amy', 'Mong Kok'),
          merged: member('Amy', 'Mong Kok'),
        },
      }),
    ).toMatchObject({ who: ['Amy'], where: ['Mong Kok'] });
  });

  it('an overdraft: the member and the store; a card number twice: both holders', () => {
    expect(
      exceptionSummary({
        kind: 'overdraft',
        facts: { memberName: '李大文', storeName: 'Central', cardNumber: '2408320000041' },
      }),
    ).toEqual({ who: ['李大文'], phone: null, what: null, where: ['Central'] });
    expect(
      exceptionSummary({
        kind: 'duplicate_card_number',
        facts: {
          cardNumber: '2408320000041',
          holder: member('Amy', 'Central'),
          newcomer: member('Ben', 'Mong Kok', '+85261234567'),
        },
      }),
    ).toEqual({ who: ['Amy', 'Ben'], phone: null, what: null, where: ['Central', 'Mong Kok'] });
  });

  it('a coupon or gift card: the code and every store involved', () => {
    expect(
      exceptionSummary({
        kind: 'coupon_double_redeemed',
        facts: {
          code: 'CP22-2222-2222',
          first: { storeName: 'Central' },
          second: { storeName: 'Mong Kok' },
        },
      }),
    ).toEqual({ who: [], phone: null, what: 'CP22-2222-2222', where: ['Central', 'Mong Kok'] });
    expect(
      exceptionSummary({
        kind: 'gift_card_overdraft',
        facts: { code: 'GC22-2222-2222', storeName: 'Central' },
      }),
    ).toEqual({ who: [], phone: null, what: 'GC22-2222-2222', where: ['Central'] });
  });

  it('facts of the wrong shape are left out, never shown as they came', () => {
    expect(
      exceptionSummary({
        kind: 'member_merged',
        facts: { phoneE164: 5, survivor: 'x', merged: { name: { a: 1 }, storeName: '' } },
      }),
    ).toEqual({ who: [], phone: null, what: null, where: [] });
  });
});
