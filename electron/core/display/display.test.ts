import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  asyncOperationNames,
  contract,
  isOperationName,
  operationNames,
  type OperationName,
} from '../../../shared/api';
import type { Result } from '../../../shared/result';
import type { DisplayView } from '../../../shared/display/displayView';
import { displayBasketOf, firstNameOf } from '../../../shared/display/displayView';
import { uuidv7 } from '../../../shared/ids';
import { snapshot, unwrap } from '../../../test/unit/helpers/terminal';
import { makeFixture, validInputs, type Fixture } from '../../../test/unit/helpers/apiFixture';
import type { Caller } from '../api/caller';
import { PAIRING_TRIES } from './displayRoom';

/**
 * The customer display's own token: it reads the view and answers the closing question of the
 * sale it is asking about, and nothing else. Every other operation in the contract, called as a
 * paired display, is refused (display_only) and writes nothing.
 */

let f: Fixture;
beforeEach(() => {
  f = makeFixture();
});
afterEach(() => f.core.cleanup());

const call = (name: string, input: unknown, caller?: Caller): Promise<Result<unknown>> =>
  f.core.dispatchAsync(name, input, caller);

async function pairedDisplay(): Promise<Caller> {
  const { code } = unwrap(await call('display.pairingCode', {})) as { code: string };
  const { token } = unwrap(await call('display.pair', { code }, { kind: 'stranger' })) as {
    token: string;
  };
  return { kind: 'display', token };
}

/** What a display may call: its view, and the answer to the question it is asking. */
const displayOperations: string[] = [
  'display.view',
  'display.pair',
  'feedback.record',
  'display.answerConsent',
];

describe('pairing a display with the till', () => {
  it('a code shown on the till pairs once; the token it gives reads the view', async () => {
    const { code } = unwrap(await call('display.pairingCode', {})) as { code: string };
    expect(code).toMatch(/^\d{6}$/);
    const paired = unwrap(await call('display.pair', { code }, { kind: 'stranger' })) as {
      token: string;
    };
    expect(paired.token.length).toBeGreaterThanOrEqual(32);
    expect(await call('display.view', {}, { kind: 'display', token: paired.token })).toMatchObject({
      ok: true,
    });
    // Used: the same code pairs no second display.
    expect(await call('display.pair', { code }, { kind: 'stranger' })).toMatchObject({
      ok: false,
      error: { code: 'pairing_code_wrong', field: 'code' },
    });
  });

  it(`${PAIRING_TRIES} wrong codes kill the code on the till, so guessing a million is no use`, async () => {
    const { code } = unwrap(await call('display.pairingCode', {})) as { code: string };
    const wrong = code === '000000' ? '000001' : '000000';
    for (let i = 0; i < PAIRING_TRIES; i++) {
      expect(await call('display.pair', { code: wrong }, { kind: 'stranger' })).toMatchObject({
        ok: false,
        error: { code: 'pairing_code_wrong' },
      });
    }
    expect(await call('display.pair', { code }, { kind: 'stranger' })).toMatchObject({
      ok: false,
      error: { code: 'pairing_code_wrong' },
    });
  });

  it('a made-up token is not a display, and a stranger may only pair', async () => {
    expect(
      await call('display.view', {}, { kind: 'display', token: 'made-up-token-0123456789abcdef' }),
    ).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call('display.view', {}, { kind: 'stranger' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    expect(await call('terminal.info', {}, { kind: 'stranger' })).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
  });
});

describe('a paired display has no cashier powers', () => {
  const others = operationNames.filter((name) => !displayOperations.includes(name));
  it.each(others)('%s is refused with display_only and writes nothing', async (name) => {
    const display = await pairedDisplay();
    const before = snapshot(f.core.db);
    const input = validInputs(f)[name as OperationName];
    const result = await call(name, input, display);
    expect(result).toMatchObject({ ok: false, error: { code: 'display_only' } });
    expect(snapshot(f.core.db)).toBe(before);
  });

  it('Electron’s own display window is held to the same list', async () => {
    expect(await call('sale.recent', {}, { kind: 'displayWindow' })).toMatchObject({
      ok: false,
      error: { code: 'display_only' },
    });
    expect(await call('display.view', {}, { kind: 'displayWindow' })).toMatchObject({ ok: true });
  });

  it('covers every operation but its own: the list is the contract, async ones included', () => {
    expect(others.length + displayOperations.filter(isOperationName).length).toBe(
      operationNames.length,
    );
    expect(others).toEqual(expect.arrayContaining([...asyncOperationNames]));
  });
});

describe('what the display shows', () => {
  it('the basket, total and the member’s first name, points, balance and tier: no phone, no surname', async () => {
    const display = await pairedDisplay();
    unwrap(
      await call('display.show', {
        memberId: f.amy.id,
        lines: [{ description: 'Tea', quantity: 2, amountMinor: 2400 }],
        totalMinor: 2400,
        pointsToEarn: 24,
      }),
    );
    const view = unwrap(await call('display.view', {}, display)) as DisplayView;
    expect(view.lines).toEqual([{ description: 'Tea', quantity: 2, amountMinor: 2400 }]);
    expect(view.totalMinor).toBe(2400);
    expect(view.member).toMatchObject({ firstName: 'Amy', pointsToEarn: 24 });
    expect(view.member?.balance).toBeGreaterThanOrEqual(0);
    expect(view.language).toBe('en');
    const text = JSON.stringify(view);
    expect(text).not.toContain('Chan');
    expect(text).not.toContain('9123');
    expect(text).not.toContain(f.amy.cardNumber);
    expect(text).not.toContain(f.amy.id);
  });

  it('speaks the member’s preferred language', async () => {
    unwrap(await call('member.update', { memberId: f.amy.id, preferredLanguage: 'zh-Hant' }));
    unwrap(
      await call('display.show', {
        memberId: f.amy.id,
        lines: [],
        totalMinor: 0,
        pointsToEarn: 0,
      }),
    );
    expect(unwrap(await call('display.view', {})) as DisplayView).toMatchObject({
      language: 'zh-Hant',
    });
  });

  it.each([
    ['Amy Chan', 'Amy'],
    ['王小明', '小明'],
    ['小明', '小明'],
    ['  Mei  ', 'Mei'],
    ['歐陽 娜娜', '娜娜'],
  ])('greets %s as %s', (name, first) => {
    expect(firstNameOf(name)).toBe(first);
  });
});

describe('the closing question', () => {
  it('the display answers the question about this sale, and only that one', async () => {
    const display = await pairedDisplay();
    const saleId = uuidv7();
    unwrap(
      await call('sale.record', {
        saleId,
        memberId: f.amy.id,
        lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 3000 }],
        redeemPoints: 0,
      }),
    );
    const other = f.refundable.sale.id;
    unwrap(await call('display.ask', { saleId, scale: 'csat' }));
    const answer = { saleId, scale: 'csat', score: 3, reasons: [] };
    expect(await call('feedback.record', { ...answer, saleId: other }, display)).toMatchObject({
      ok: false,
      error: { code: 'display_only' },
    });
    expect(
      await call('feedback.record', { ...answer, memberId: f.cashier.id }, display),
    ).toMatchObject({ ok: false, error: { code: 'display_only' } });
    const recorded = await call('feedback.record', answer, display);
    expect(recorded.ok ? 'ok' : recorded.error.code).toBe('ok');
    // Filed under the sale's member, whom the display was never told.
    expect(unwrap(await call('feedback.ofMember', { memberId: f.amy.id }))).toMatchObject({
      lastScore: { scale: 'csat', score: 3 },
    });
    expect(unwrap(await call('display.view', {}, display))).toMatchObject({
      question: null,
      thanked: true,
    });
    // Answered: a second answer to the same sale is no longer the display's to give.
    expect(await call('feedback.record', answer, display)).toMatchObject({
      ok: false,
      error: { code: 'display_only' },
    });
  });
});

it('the contract names who may call each display operation', () => {
  expect(contract['display.view'].access).toBe('display');
  expect(contract['display.pair'].access).toBe('pairing');
  expect(contract['display.show'].access).toBe('cashier');
});

describe('consent asked on the display', () => {
  const all = (answer: 'granted' | 'withdrawn') =>
    (['email', 'sms'] as const).flatMap((channel) =>
      (['marketing', 'profiling', 'feedback', 'birthday'] as const).map((purpose) => ({
        channel,
        purpose,
        answer,
      })),
    );

  it('the customer answers every question themselves: recorded as tapped, with the wording shown', async () => {
    const display = await pairedDisplay();
    unwrap(await call('display.askConsent', { memberId: f.amy.id }));
    const view = unwrap(await call('display.view', {}, display)) as DisplayView;
    expect(view.consent?.purposes.map((p) => p.purpose).sort()).toEqual([
      'birthday',
      'feedback',
      'marketing',
      'profiling',
    ]);
    expect(view.consent?.purposes.every((p) => p.text.length > 0 && p.version >= 1)).toBe(true);
    expect(view.consent?.purposes[0]?.channels).toEqual(['email', 'sms']);
    // The display never learns whose consent it is asking.
    expect(JSON.stringify(view)).not.toContain(f.amy.id);

    // Half an answer, or the till answering for the customer: refused, nothing written.
    const before = snapshot(f.core.db);
    const half = await call('display.answerConsent', { answers: all('granted').slice(1) }, display);
    expect(half).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const till = await call('display.answerConsent', { answers: all('granted') });
    expect(till).toMatchObject({ ok: false, error: { code: 'display_only' } });
    expect(snapshot(f.core.db)).toBe(before);

    const answers = all('withdrawn').map((a) =>
      a.channel === 'sms' && a.purpose === 'marketing' ? { ...a, answer: 'granted' as const } : a,
    );
    const answered = unwrap(
      await call('display.answerConsent', { answers }, display),
    ) as DisplayView;
    expect(answered.consent).toBeNull();
    expect(answered.thanked).toBe(true);
    const consent = unwrap(await call('consent.ofMember', { memberId: f.amy.id })) as {
      current: { channel: string; purpose: string; answer: string }[];
      history: { method: string; channel: string; purpose: string }[];
    };
    const tapped = consent.history.filter((e) => e.method === 'display_tap');
    expect(tapped).toHaveLength(8);
    expect(consent.current).toContainEqual(
      expect.objectContaining({ channel: 'sms', purpose: 'marketing', answer: 'granted' }),
    );
    expect(consent.current).toContainEqual(
      expect.objectContaining({ channel: 'email', purpose: 'marketing', answer: 'withdrawn' }),
    );
    // Answered once: the same answers again find nothing asked.
    const again = await call('display.answerConsent', { answers }, display);
    expect(again).toMatchObject({ ok: false, error: { code: 'consent_not_asked' } });
  });

  it('the till can stop asking; the sale going on does not', async () => {
    const display = await pairedDisplay();
    unwrap(await call('display.askConsent', { memberId: f.amy.id }));
    unwrap(
      await call('display.show', {
        memberId: null,
        lines: [{ description: 'Tea', quantity: 1, amountMinor: 1200 }],
        totalMinor: 1200,
        pointsToEarn: 12,
      }),
    );
    expect(
      ((await call('display.view', {}, display)) as { value: DisplayView }).value.consent,
    ).not.toBeNull();
    unwrap(await call('display.clearConsent', {}));
    const view = unwrap(await call('display.view', {}, display)) as DisplayView;
    expect(view.consent).toBeNull();
    expect(view.thanked).toBe(false);
    expect(await call('display.answerConsent', { answers: all('granted') }, display)).toMatchObject(
      {
        ok: false,
        error: { code: 'consent_not_asked' },
      },
    );
  });

  it('the till knows whether a display is paired, to offer asking there', async () => {
    expect(unwrap(await call('display.status', {}))).toEqual({ paired: false });
    await pairedDisplay();
    expect(unwrap(await call('display.status', {}))).toEqual({ paired: true });
  });

  it('asks nobody about an unknown member', async () => {
    expect(await call('display.askConsent', { memberId: uuidv7(Date.now()) })).toMatchObject({
      ok: false,
      error: { code: 'member_not_found' },
    });
  });
});

describe('sales tax on the display', () => {
  const basket = {
    memberId: null,
    lines: [{ description: 'Tea', quantity: 1, amountMinor: 10_000 }],
    totalMinor: 10_800,
    pointsToEarn: 0,
  };

  it('shows the tax the till sends, none without it, and refuses a tax that is not one', async () => {
    const display = await pairedDisplay();
    unwrap(await call('display.show', { ...basket, tax: { mode: 'exclusive', taxMinor: 800 } }));
    const taxed = unwrap(await call('display.view', {}, display)) as DisplayView;
    expect(taxed.tax).toEqual({ mode: 'exclusive', taxMinor: 800 });
    unwrap(await call('display.show', { ...basket, totalMinor: 10_000 }));
    expect((unwrap(await call('display.view', {}, display)) as DisplayView).tax).toBeNull();
    for (const tax of [
      { mode: 'none', taxMinor: 0 },
      { mode: 'exclusive', taxMinor: -1 },
      { mode: 'exclusive', taxMinor: 0.5 },
      { mode: 'inclusive' },
      { mode: 'inclusive', taxMinor: 1, rate: 800 },
    ]) {
      expect(await call('display.show', { ...basket, tax }), JSON.stringify(tax)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });

  it('the till sends the priced tax only, and nothing where the store has no tax', () => {
    const preview = {
      lines: [{ description: 'Tea', quantity: 1, amountMinor: 10_000 }],
      totalMinor: 10_000,
      pointsEarned: 0,
    };
    const lines = [{ description: 'Tea', quantity: 1, unitPriceMinor: 10_000 }];
    expect(
      displayBasketOf({
        memberId: null,
        lines,
        preview: { ...preview, taxMode: 'inclusive', taxMinor: 741 },
      }).tax,
    ).toEqual({ mode: 'inclusive', taxMinor: 741 });
    const untaxed = displayBasketOf({
      memberId: null,
      lines,
      preview: { ...preview, taxMode: 'none', taxMinor: 0 },
    });
    expect('tax' in untaxed).toBe(false);
    // Lines typed but not yet priced: no tax is known yet.
    expect('tax' in displayBasketOf({ memberId: null, lines, preview: null })).toBe(false);
  });

  it('asks its closing question over the sale as recorded, with the tax it was charged', async () => {
    unwrap(
      await call('tax.configure', {
        settings: { mode: 'inclusive', defaultRateBasisPoints: 1000 },
      }),
    );
    const receipt = unwrap(
      await call('sale.record', {
        saleId: uuidv7(),
        memberId: null,
        lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 11_000 }],
        redeemPoints: 0,
      }),
    ) as { sale: { id: string } };
    const view = unwrap(
      await call('display.ask', { saleId: receipt.sale.id, scale: 'csat' }),
    ) as DisplayView;
    expect(view).toMatchObject({
      totalMinor: 11_000,
      tax: { mode: 'inclusive', taxMinor: 1000 },
    });
  });
});
