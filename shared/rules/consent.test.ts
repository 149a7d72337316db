import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeHlc } from '../hlc';
import {
  consentChannels,
  consentPurposes,
  currentConsent,
  marketingConsentOf,
  supersedes,
  type ConsentEvent,
} from './consent';

const member = '0190a000-0000-7000-8000-000000000001';

function event(over: Partial<ConsentEvent> & { hlc: string; id: string }): ConsentEvent {
  return {
    memberId: member,
    channel: 'sms',
    purpose: 'marketing',
    answer: 'granted',
    at: '2026-01-01T00:00:00.000Z',
    origin: 'terminal',
    storeId: 's',
    terminalId: 't',
    staffId: 'st',
    method: 'cashier_verbal',
    wordingVersion: 1,
    language: 'en',
    ...over,
  };
}

const at = (ms: number, counter = 0, node = 'a') => encodeHlc({ ms, counter, node });

describe('currentConsent: the latest event by clock wins per channel and purpose', () => {
  it('a withdrawal after a grant stands, whatever order they arrive in', () => {
    const grant = event({ id: 'e1', hlc: at(1000), answer: 'granted' });
    const withdraw = event({ id: 'e2', hlc: at(2000, 0, 'b'), answer: 'withdrawn' });
    expect(currentConsent([grant, withdraw])[0]?.answer).toBe('withdrawn');
    expect(currentConsent([withdraw, grant])[0]?.answer).toBe('withdrawn');
  });

  it('the clock decides, not the wall time written beside it', () => {
    const early = event({ id: 'e1', hlc: at(1000), at: '2030-01-01T00:00:00.000Z' });
    const late = event({ id: 'e2', hlc: at(1000, 1), answer: 'withdrawn' });
    expect(currentConsent([late, early])[0]?.eventId).toBe('e2');
  });

  it('equal clocks are ordered by event id', () => {
    const a = event({ id: 'aaa', hlc: at(5), answer: 'granted' });
    const b = event({ id: 'bbb', hlc: at(5), answer: 'withdrawn' });
    expect(currentConsent([b, a])[0]?.answer).toBe('withdrawn');
    expect(currentConsent([a, b])[0]?.answer).toBe('withdrawn');
  });

  it('pairs are independent, and a pair never asked is absent', () => {
    const states = currentConsent([
      event({ id: 'e1', hlc: at(1), channel: 'email', purpose: 'birthday' }),
      event({ id: 'e2', hlc: at(2), channel: 'sms', purpose: 'marketing', answer: 'withdrawn' }),
    ]);
    expect(states.map((s) => [s.channel, s.purpose, s.answer])).toEqual([
      ['sms', 'marketing', 'withdrawn'],
      ['email', 'birthday', 'granted'],
    ]);
    expect(currentConsent([])).toEqual([]);
  });

  it('any permutation of any set of events gives the same state', () => {
    const anEvent = fc.record({
      id: fc.uuid(),
      ms: fc.integer({ min: 0, max: 20 }),
      counter: fc.integer({ min: 0, max: 3 }),
      node: fc.constantFrom('a', 'b', 'ho'),
      channel: fc.constantFrom(...consentChannels),
      purpose: fc.constantFrom(...consentPurposes),
      answer: fc.constantFrom('granted' as const, 'withdrawn' as const),
    });
    fc.assert(
      fc.property(
        fc
          .array(anEvent, { maxLength: 30 })
          .chain((raw) =>
            fc.tuple(fc.constant(raw), fc.shuffledSubarray(raw, { minLength: raw.length })),
          ),
        ([raw, shuffled]) => {
          const of = (list: typeof raw) =>
            list.map((e) =>
              event({
                id: e.id,
                hlc: at(e.ms, e.counter, e.node),
                channel: e.channel,
                purpose: e.purpose,
                answer: e.answer,
              }),
            );
          expect(currentConsent(of(shuffled))).toEqual(currentConsent(of(raw)));
        },
      ),
    );
  });
});

describe('supersedes', () => {
  it('is true with nothing standing, and only for a later event', () => {
    expect(supersedes({ hlc: at(1), id: 'a' }, null)).toBe(true);
    expect(supersedes({ hlc: at(2), id: 'a' }, { hlc: at(1), id: 'z' })).toBe(true);
    expect(supersedes({ hlc: at(1), id: 'a' }, { hlc: at(2), id: 'a' })).toBe(false);
    expect(supersedes({ hlc: at(1), id: 'a' }, { hlc: at(1), id: 'a' })).toBe(false);
  });
});

describe('marketingConsentOf: the old single flag, derived', () => {
  it('is marketing granted on SMS or email, nothing else', () => {
    const s = (channel: string, purpose: string, answer: string) =>
      ({ channel, purpose, answer }) as Parameters<typeof marketingConsentOf>[0][number];
    expect(marketingConsentOf([])).toBe(false);
    expect(marketingConsentOf([s('email', 'marketing', 'granted')])).toBe(true);
    expect(marketingConsentOf([s('sms', 'marketing', 'withdrawn')])).toBe(false);
    expect(marketingConsentOf([s('post', 'marketing', 'granted')])).toBe(false);
    expect(marketingConsentOf([s('sms', 'profiling', 'granted')])).toBe(false);
  });
});
