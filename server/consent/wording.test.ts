import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pulledConsent } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import { uuidv7 } from '../../shared/ids';
import { TerminalScript, TestClock, enrollTerminal, pushOk } from '../testing/terminalScript';

/**
 * Consent wording at head office: versions per purpose in the three languages, a new version
 * published in all three at once and pulled by terminals on the consent stream; hostile bodies
 * get a clear error and write nothing.
 */
describe.each(testDatabases)('consent wording on $name', (testDb) => {
  let db: Database;
  let headOffice: HeadOffice;

  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    headOffice = await createHeadOffice(db, { now: new TestClock().now });
  });

  const text = {
    en: 'May we send you offers by message?',
    'zh-Hant': '我們可否以訊息向您發送優惠？',
    'zh-Hans': '我们可否以信息向您发送优惠？',
  };

  async function versions() {
    const listed = await headOffice.admin.listConsentWording();
    if (!listed.ok) throw new Error(listed.error.message);
    return listed.value.wordings.map((w) => `${w.purpose} v${w.version} ${w.language}`);
  }

  it('starts with version 1 of every purpose in three languages', async () => {
    expect(await versions()).toHaveLength(12);
  });

  it('publishes a new version in the three languages, which terminals pull', async () => {
    const published = await headOffice.admin.publishConsentWording('admin', {
      purpose: 'marketing',
      text,
    });
    expect(published).toMatchObject({ ok: true });
    expect((await versions()).filter((v) => v.startsWith('marketing v2'))).toEqual([
      'marketing v2 en',
      'marketing v2 zh-Hans',
      'marketing v2 zh-Hant',
    ]);
    const till = await enrollTerminal(headOffice, { storeName: 'Central' });
    const page = await headOffice.pull(till.auth, { stream: 'consent', after: 0, limit: 100 });
    if (!page.ok) throw new Error(page.error.message);
    const wordings = page.value.items
      .map((i) => pulledConsent.parse(i.data))
      .flatMap((i) => (i.kind === 'wording' ? [i.wording] : []));
    expect(wordings.filter((w) => w.version === 2).map((w) => w.text)).toEqual([
      text.en,
      text['zh-Hant'],
      text['zh-Hans'],
    ]);
  });

  it.each([
    ['no body', undefined],
    ['a purpose nobody has', { purpose: 'resale', text }],
    ['a language missing', { purpose: 'marketing', text: { en: 'x', 'zh-Hant': 'y' } }],
    ['a language nobody speaks', { purpose: 'marketing', text: { ...text, fr: 'z' } }],
    ['empty wording', { purpose: 'marketing', text: { ...text, en: '   ' } }],
    ['wording too long', { purpose: 'marketing', text: { ...text, en: 'x'.repeat(2001) } }],
    ['a control character', { purpose: 'marketing', text: { ...text, en: 'a\u0000b' } }],
    ['a direction override', { purpose: 'marketing', text: { ...text, en: 'a\u202eb' } }],
    ['wording as a number', { purpose: 'marketing', text: { ...text, en: 7 } }],
    ['an extra field', { purpose: 'marketing', text, version: 9 }],
  ])('refuses %s and writes nothing', async (_what, body) => {
    const before = await versions();
    const answer = await headOffice.admin.publishConsentWording('admin', body);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await versions()).toEqual(before);
  });
});

describe.each(testDatabases)("a member's consent at head office on $name", (testDb) => {
  let db: Database;
  let headOffice: HeadOffice;
  let clock: TestClock;

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
  });

  it('shows the standing answers and the history with the store of each event', async () => {
    const central = new TerminalScript(
      await enrollTerminal(headOffice, { storeName: 'Central' }),
      clock,
    );
    const shaTin = new TerminalScript(
      await enrollTerminal(headOffice, { storeName: 'Sha Tin' }),
      clock,
    );
    const { memberId } = central.enrollMember({ name: 'Amy', phoneE164: '+85291234567' });
    const event = (till: TerminalScript, answer: 'granted' | 'withdrawn') => ({
      id: uuidv7(clock.now()),
      memberId,
      channel: 'sms',
      purpose: 'marketing',
      answer,
      at: new Date(clock.now()).toISOString(),
      hlc: till.clock.tick(),
      origin: 'terminal',
      storeId: till.terminal.storeId,
      terminalId: till.terminalId,
      staffId: till.staffId,
      method: 'cashier_verbal',
      wordingVersion: 1,
      language: 'en',
    });
    central.other('consent.recorded', { events: [event(central, 'granted')] });
    await pushOk(headOffice, central);
    clock.advance(1_000);
    shaTin.other('consent.recorded', { events: [event(shaTin, 'withdrawn')] });
    await pushOk(headOffice, shaTin);
    const view = await headOffice.admin.memberConsent(memberId);
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value.current).toMatchObject([{ channel: 'sms', answer: 'withdrawn' }]);
    expect(view.value.history.map((e) => [e.answer, e.storeId])).toEqual([
      ['withdrawn', shaTin.terminal.storeId],
      ['granted', central.terminal.storeId],
    ]);
  });

  it.each([
    ['a member nobody enrolled', uuidv7(), 'not_found'],
    ['an id that is not one', 'nobody', 'invalid_input'],
    ['an injection', "' OR 1=1 --", 'invalid_input'],
  ])('answers %s clearly', async (_what, id, code) => {
    expect(await headOffice.admin.memberConsent(id)).toMatchObject({ ok: false, error: { code } });
  });
});
