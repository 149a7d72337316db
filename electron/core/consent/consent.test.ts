import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain';
import type { ConsentEvent, ConsentOfMember, ConsentWording } from '../../../shared/rules/consent';
import { applyPullPage } from '../sync/applyPull';
import { consentRecorded } from '../../../shared/sync/operations';
import { openTestCore, unwrap, type TestCore } from '../../../test/unit/helpers/terminal';
import { rows } from '../../../test/unit/helpers/loyalty';

/**
 * The consent ledger on the terminal: enrollment takes one answer per channel and purpose asked
 * (none assumed), consent.record appends events in one transaction, the current state is the
 * latest per pair, the old single flag is derived from it, and each act goes to head office as
 * one consent.recorded operation.
 */

let core: TestCore;
beforeEach(() => {
  core = openTestCore();
});
afterEach(() => core.cleanup());

const verbal = (
  answers: { channel: string; purpose: string; answer: 'granted' | 'withdrawn' }[],
) => ({
  method: 'cashier_verbal' as const,
  language: 'en' as const,
  answers: answers.map((a) => ({ ...a, wordingVersion: 1 })),
});

function enrollWith(consent?: ReturnType<typeof verbal>): Member {
  return unwrap(
    core.dispatch('member.enroll', {
      name: 'Amy Chan',
      phone: '9123 4567',
      ...(consent ? { consent } : {}),
    }),
  ) as Member;
}
const ofMember = (memberId: string) =>
  unwrap(core.dispatch('consent.ofMember', { memberId })) as ConsentOfMember;
const answersOf = (c: ConsentOfMember) =>
  c.current.map((s) => `${s.channel}:${s.purpose}=${s.answer}`);
const sentConsent = () =>
  rows<{ payload: string }>(
    core,
    "SELECT payload FROM outbox WHERE op_type = 'consent.recorded' ORDER BY seq",
  ).map((r) => consentRecorded.parse(JSON.parse(r.payload)));

describe('enrollment', () => {
  it('records only the pairs asked: nothing is assumed for the rest', () => {
    const amy = enrollWith(
      verbal([
        { channel: 'sms', purpose: 'marketing', answer: 'granted' },
        { channel: 'email', purpose: 'marketing', answer: 'withdrawn' },
        { channel: 'post', purpose: 'birthday', answer: 'granted' },
      ]),
    );
    expect(answersOf(ofMember(amy.id))).toEqual([
      'sms:marketing=granted',
      'email:marketing=withdrawn',
      'post:birthday=granted',
    ]);
    expect(amy.marketingConsent).toBe(true);
    const [op] = sentConsent();
    expect(op?.events.map((e) => [e.channel, e.method, e.wordingVersion, e.staffId])).toEqual([
      ['sms', 'cashier_verbal', 1, expect.any(String)],
      ['email', 'cashier_verbal', 1, expect.any(String)],
      ['post', 'cashier_verbal', 1, expect.any(String)],
    ]);
  });

  it('with no answers at all, the member has no consent and nothing is sent', () => {
    const amy = enrollWith();
    expect(ofMember(amy.id)).toEqual({ memberId: amy.id, current: [], history: [] });
    expect(amy.marketingConsent).toBe(false);
    expect(sentConsent()).toEqual([]);
  });

  it('the old shorthand becomes marketing on SMS and email with the current wording', () => {
    const amy = unwrap(
      core.dispatch('member.enroll', { name: 'A', phone: '9123 4567', marketingConsent: false }),
    ) as Member;
    const c = ofMember(amy.id);
    expect(answersOf(c)).toEqual(['sms:marketing=withdrawn', 'email:marketing=withdrawn']);
    expect(c.history.every((e) => e.wordingVersion === 1 && e.language === 'en')).toBe(true);
  });
});

describe('consent.record', () => {
  it('withdrawal is one answer, and the latest answer per pair stands', () => {
    const amy = enrollWith(verbal([{ channel: 'sms', purpose: 'marketing', answer: 'granted' }]));
    const after = unwrap(
      core.dispatch('consent.record', {
        memberId: amy.id,
        consent: verbal([{ channel: 'sms', purpose: 'marketing', answer: 'withdrawn' }]),
      }),
    ) as ConsentOfMember;
    expect(answersOf(after)).toEqual(['sms:marketing=withdrawn']);
    expect(after.history.map((e) => e.answer)).toEqual(['withdrawn', 'granted']);
    expect(
      (unwrap(core.dispatch('member.get', { memberId: amy.id })) as Member).marketingConsent,
    ).toBe(false);
    expect(sentConsent()).toHaveLength(2);
  });

  it('refuses a wording version it does not hold and writes nothing, not even the good answers', () => {
    const amy = enrollWith();
    const result = core.dispatch('consent.record', {
      memberId: amy.id,
      consent: {
        method: 'display_tap',
        language: 'zh-Hans',
        answers: [
          { channel: 'sms', purpose: 'marketing', answer: 'granted', wordingVersion: 1 },
          { channel: 'sms', purpose: 'profiling', answer: 'granted', wordingVersion: 7 },
        ],
      },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'consent_wording_unknown' } });
    expect(ofMember(amy.id).history).toEqual([]);
    expect(sentConsent()).toEqual([]);
  });

  it('the ledger is append-only', () => {
    enrollWith(verbal([{ channel: 'sms', purpose: 'marketing', answer: 'granted' }]));
    expect(() => core.db.prepare("UPDATE consent_event SET answer = 'withdrawn'").run()).toThrow(
      /append-only/,
    );
    expect(() => core.db.prepare('DELETE FROM consent_event').run()).toThrow(/append-only/);
  });
});

describe('member.update with the marketing answer', () => {
  it('becomes consent events, not a profile field', () => {
    const amy = enrollWith(verbal([{ channel: 'sms', purpose: 'marketing', answer: 'granted' }]));
    const edited = unwrap(
      core.dispatch('member.update', { memberId: amy.id, marketingConsent: false }),
    ) as Member;
    expect(edited.marketingConsent).toBe(false);
    expect(answersOf(ofMember(amy.id))).toEqual([
      'sms:marketing=withdrawn',
      'email:marketing=withdrawn',
    ]);
    const updates = rows<{ n: number }>(
      core,
      "SELECT count(*) AS n FROM outbox WHERE op_type = 'member.updated'",
    );
    expect(updates[0]?.n).toBe(0);
  });
});

describe('consent.wording', () => {
  it('gives the current version of each purpose in the language asked', () => {
    const wording = unwrap(
      core.dispatch('consent.wording', { language: 'zh-Hant' }),
    ) as ConsentWording[];
    expect(wording.map((w) => [w.purpose, w.version, w.language])).toEqual([
      ['birthday', 1, 'zh-Hant'],
      ['feedback', 1, 'zh-Hant'],
      ['marketing', 1, 'zh-Hant'],
      ['profiling', 1, 'zh-Hant'],
    ]);
  });
});

describe('pulled from head office', () => {
  const page = (items: unknown[]) => ({
    stream: 'consent' as const,
    items: items.map((data, i) => ({ seq: i + 1, stream: 'consent' as const, data })),
    cursor: items.length,
    hasMore: false,
    terminalHighWaterMark: 0,
    serverTime: new Date().toISOString(),
  });

  it('a new wording version is shown and recorded from then on', () => {
    applyPullPage(
      core.db,
      page([
        {
          kind: 'wording',
          wording: {
            purpose: 'marketing',
            version: 2,
            language: 'en',
            text: 'Offers by message?',
            publishedAt: '2026-06-01T00:00:00.000Z',
          },
        },
      ]),
    );
    const wording = unwrap(
      core.dispatch('consent.wording', { language: 'en' }),
    ) as ConsentWording[];
    expect(wording.find((w) => w.purpose === 'marketing')).toMatchObject({
      version: 2,
      text: 'Offers by message?',
    });
    const amy = unwrap(
      core.dispatch('member.enroll', { name: 'A', phone: '9123 4567', marketingConsent: true }),
    ) as Member;
    expect(ofMember(amy.id).history.map((e) => e.wordingVersion)).toEqual([2, 2]);
  });

  it('an event from another store goes through the same writer; its own coming back changes nothing', () => {
    const amy = enrollWith(verbal([{ channel: 'sms', purpose: 'marketing', answer: 'granted' }]));
    const mine = ofMember(amy.id).history[0] as ConsentEvent;
    const elsewhere: ConsentEvent = {
      ...mine,
      id: '01f00000-0000-7000-8000-000000000001',
      answer: 'withdrawn',
      hlc: `${'9'.repeat(15)}-00000-other`,
      storeId: '01f00000-0000-7000-8000-0000000000aa',
      terminalId: '01f00000-0000-7000-8000-0000000000bb',
    };
    const stranger = {
      ...elsewhere,
      id: '01f00000-0000-7000-8000-000000000002',
      memberId: '01f00000-0000-7000-8000-0000000000cc',
    };
    applyPullPage(
      core.db,
      page([
        { kind: 'event', event: mine },
        { kind: 'event', event: elsewhere },
        { kind: 'event', event: stranger },
      ]),
    );
    const after = ofMember(amy.id);
    expect(answersOf(after)).toEqual(['sms:marketing=withdrawn']);
    expect(after.history.map((e) => e.id)).toEqual([elsewhere.id, mine.id]);
    expect(
      (unwrap(core.dispatch('member.get', { memberId: amy.id })) as Member).marketingConsent,
    ).toBe(false);
  });
});
