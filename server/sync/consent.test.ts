import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import type { ConsentEvent } from '../../shared/rules/consent';
import { pulledConsent } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import {
  TerminalScript,
  TestClock,
  enrollTerminal,
  pushOk,
  pushRejected,
} from '../testing/terminalScript';

/**
 * consent.recorded at head office: events stored once per id, the standing answer the latest by
 * clock whatever order the stores push in, the pushing terminal named (not the payload's claim),
 * every new event on the consent stream, and hostile payloads rejected with nothing written.
 */
describe.each(testDatabases)('consent events at head office on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let tillA: TerminalScript;
  let tillB: TerminalScript;
  let memberId: string;

  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    clock = new TestClock();
    headOffice = await createHeadOffice(db, { now: clock.now });
    tillA = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'Central' }), clock);
    tillB = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'Sha Tin' }), clock);
    memberId = tillA.enrollMember({ name: 'Chan Tai Man', phoneE164: '+85291234567' }).memberId;
    await pushOk(headOffice, tillA);
  });

  function event(till: TerminalScript, over: Partial<ConsentEvent> = {}): ConsentEvent {
    clock.advance(1_000);
    return {
      id: uuidv7(clock.now()),
      memberId,
      channel: 'sms',
      purpose: 'marketing',
      answer: 'granted',
      at: new Date(clock.now()).toISOString(),
      hlc: till.clock.tick(),
      origin: 'terminal',
      storeId: till.terminal.storeId,
      terminalId: till.terminalId,
      staffId: till.staffId,
      method: 'cashier_verbal',
      wordingVersion: 1,
      language: 'en',
      ...over,
    };
  }

  async function standing() {
    const { rows } = await db.query<{ channel: string; answer: string; event_id: string }>(
      'SELECT channel, answer, event_id FROM consent_current WHERE member_id = $1 ORDER BY 1',
      [memberId],
    );
    return rows;
  }
  async function flag() {
    const { rows } = await db.query<{ marketing_consent: boolean }>(
      'SELECT marketing_consent FROM member WHERE id = $1',
      [memberId],
    );
    return rows[0]?.marketing_consent;
  }
  async function consentStream() {
    const page = await headOffice.pull(tillB.terminal.auth, {
      stream: 'consent',
      after: 0,
      limit: 1000,
    });
    if (!page.ok) throw new Error(page.error.message);
    return page.value.items.map((i) => pulledConsent.parse(i.data));
  }

  it('a withdrawal at B after a grant at A stands, even when B pushes first', async () => {
    const grant = event(tillA, { answer: 'granted' });
    const withdraw = event(tillB, { answer: 'withdrawn' });
    tillB.other('consent.recorded', { events: [withdraw] });
    await pushOk(headOffice, tillB);
    tillA.other('consent.recorded', { events: [grant] });
    await pushOk(headOffice, tillA);
    expect(await standing()).toEqual([
      { channel: 'sms', answer: 'withdrawn', event_id: withdraw.id },
    ]);
    expect(await flag()).toBe(false);
    const events = (await consentStream()).flatMap((i) => (i.kind === 'event' ? [i.event] : []));
    expect(events.map((e) => e.id)).toEqual([withdraw.id, grant.id]);
  });

  it('stores an event once however often it arrives, and names the terminal that pushed it', async () => {
    const claimed = event(tillA, {
      terminalId: tillB.terminalId,
      storeId: tillB.terminal.storeId,
      origin: 'head_office',
    });
    tillA.other('consent.recorded', { events: [claimed] });
    await pushOk(headOffice, tillA);
    await pushOk(headOffice, tillA);
    // The same event in another terminal's push (a replay) adds nothing.
    tillB.other('consent.recorded', { events: [claimed] });
    await pushOk(headOffice, tillB);
    const { rows } = await db.query<{ terminal_id: string; store_id: string; origin: string }>(
      'SELECT terminal_id, store_id, origin FROM consent_event WHERE member_id = $1',
      [memberId],
    );
    expect(rows).toEqual([
      { terminal_id: tillA.terminalId, store_id: tillA.terminal.storeId, origin: 'terminal' },
    ]);
    expect(await flag()).toBe(true);
  });

  it('the marketing answer of an older terminal becomes events on SMS and email', async () => {
    tillA.updateMember(memberId, { marketingConsent: true });
    await pushOk(headOffice, tillA);
    expect((await standing()).map((s) => `${s.channel}=${s.answer}`)).toEqual([
      'email=granted',
      'sms=granted',
    ]);
  });

  it('keeps events for a member it does not know as an exception, and stores none of them', async () => {
    tillA.other('consent.recorded', { events: [event(tillA, { memberId: uuidv7() })] });
    const pushed = await pushOk(headOffice, tillA);
    expect(pushed.outcomes.at(-1)).toMatchObject({
      outcome: 'compensated',
      compensation: { kind: 'unknown_member' },
    });
    const { rows } = await db.query('SELECT id FROM consent_event');
    expect(rows).toEqual([]);
  });

  it.each([
    ['a channel nobody has', { channel: 'fax' }],
    ['a purpose nobody has', { purpose: 'resale' }],
    ['an answer that is neither', { answer: 'maybe' }],
    ['a wording version of zero', { wordingVersion: 0 }],
    ['a clock that is not one', { hlc: 'yesterday' }],
    ['a made-up id', { id: 'imported:sms:granted:x' }],
    ['a language it does not speak', { language: 'fr' }],
  ])('rejects %s and writes nothing', async (_what, bad) => {
    tillA.other('consent.recorded', { events: [{ ...event(tillA), ...bad }] });
    await pushRejected(headOffice, tillA, tillA.outbox.slice(-1));
    const { rows } = await db.query('SELECT id FROM consent_event');
    expect(rows).toEqual([]);
    expect(await standing()).toEqual([]);
  });
});
