import type { FastifyInstance } from 'fastify';
import { tmpdir } from 'node:os';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import type { Locale } from '../../shared/locale';
import type { ConsentChannel, ConsentEvent, ConsentPurpose } from '../../shared/rules/consent';
import { birthdayGreeting, type MessageContent } from '../../shared/rules/messaging';
import { pulledConsent } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import type { HeadOffice } from '../headOffice';
import { buildServer } from '../http/server';
import { jobWorker } from '../jobs/jobQueue';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import {
  decodeHeader,
  startMailbox,
  startSmsProvider,
  type Mailbox,
  type SmsProvider,
} from '../testing/messageProviders';
import { enrollTerminal, pushOk, TerminalScript, type TestClock } from '../testing/terminalScript';
import { SIGNATURE_HEADER, signatureOf } from './signatures';

const SMS_SECRET = 'shared-with-the-sms-provider';
const HOUR = 3_600_000;

const offer: MessageContent = {
  en: { subject: 'Double points this week', text: 'Hello {name}, double points all week.' },
  'zh-Hant': { subject: '本週雙倍積分', text: '{name}您好，本週消費可享雙倍積分。' },
  'zh-Hans': { subject: '本周双倍积分', text: '{name}您好，本周消费可享双倍积分。' },
};

/**
 * Messages end to end at head office: real mail to a real SMTP server on loopback, SMS to a
 * loopback provider, consent from the ledger, the job queue doing the sending.
 */
describe.each(testDatabases)('messages to members on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let till: TerminalScript;
  let mailbox: Mailbox;
  let sms: SmsProvider;
  const servers: FastifyInstance[] = [];
  const office = headOfficePerTest(testDb);

  beforeAll(async () => {
    mailbox = await startMailbox();
    sms = await startSmsProvider();
  });
  afterAll(async () => {
    await mailbox.close();
    await sms.close();
  });
  beforeEach(async () => {
    // 2026-11-02 17:00 in Hong Kong: outside the default quiet hours.
    ({ db, clock, headOffice } = await office.fresh());
    mailbox.mails.length = 0;
    mailbox.refuse(0, 451);
    sms.received.length = 0;
    sms.fail(0, 503);
    till = new TerminalScript(await enrollTerminal(headOffice), clock);
    till.configured();
    await pushOk(headOffice, till);
    await settings({});
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function settings(over: { weeklyCap?: number; quiet?: [string, string] }) {
    const saved = await headOffice.messages.saveSettings('admin', {
      smtp: {
        host: '127.0.0.1',
        port: mailbox.port,
        secure: false,
        user: null,
        from: 'Tea House <news@example.com>',
      },
      sms: { url: sms.url },
      quietHours: { start: over.quiet?.[0] ?? '21:00', end: over.quiet?.[1] ?? '09:00' },
      weeklyCap: over.weeklyCap ?? 5,
      defaultTimeZone: 'Asia/Hong_Kong',
      publicUrl: 'https://loyalty.example.com/',
      smsSecret: SMS_SECRET,
    });
    if (!saved.ok) throw new Error(saved.error.message);
  }

  let phoneSeq = 0;
  /** A member enrolled at the till, with the consent answers given (language: the wording's). */
  async function member(
    input: {
      name?: string;
      email?: string | null;
      birthday?: string;
      grants?: [ConsentChannel, ConsentPurpose][];
      language?: Locale;
    } = {},
  ): Promise<{ id: string; phone: string; email: string | null }> {
    const start = till.outbox.length;
    const phone = `+8529${String(1_000_000 + ++phoneSeq).padStart(7, '0')}`;
    const email = input.email === undefined ? `member${phoneSeq}@example.com` : input.email;
    const { memberId } = till.enrollMember({
      name: input.name ?? 'Chan Tai Man',
      phoneE164: phone,
      email,
    });
    if (input.birthday) till.updateMember(memberId, { birthday: input.birthday });
    const grants = input.grants ?? [['email', 'marketing']];
    if (grants.length > 0) {
      till.other('consent.recorded', {
        events: grants.map(([channel, purpose]) =>
          consentEvent(memberId, channel, purpose, 'granted', input.language),
        ),
      });
    }
    await pushOk(headOffice, till, till.outbox.slice(start));
    return { id: memberId, phone, email };
  }

  function consentEvent(
    memberId: string,
    channel: ConsentChannel,
    purpose: ConsentPurpose,
    answer: 'granted' | 'withdrawn',
    language: Locale = 'en',
  ): ConsentEvent {
    return {
      id: uuidv7(clock.now()),
      memberId,
      channel,
      purpose,
      answer,
      at: new Date(clock.now()).toISOString(),
      hlc: till.clock.tick(),
      origin: 'terminal',
      storeId: till.terminal.storeId,
      terminalId: till.terminalId,
      staffId: till.staffId,
      method: 'cashier_verbal',
      wordingVersion: 1,
      language,
    };
  }

  function worker(nodeId = 'node-a') {
    const handlers = {
      'message.send': headOffice.messages.jobHandlers['message.send'],
    };
    return jobWorker(headOffice.jobs, { nodeId, handlers });
  }

  async function enqueue(
    memberId: string,
    over: { channel?: 'email' | 'sms'; purpose?: ConsentPurpose; campaignId?: string } = {},
  ) {
    return headOffice.messages.enqueue({
      memberId,
      campaignId: over.campaignId ?? 'double-points',
      channel: over.channel ?? 'email',
      purpose: over.purpose ?? 'marketing',
      template: 'offer',
      content: offer,
    });
  }

  async function messageRow(id: string) {
    const { rows } = await db.query<{
      status: string;
      skip_reason: string | null;
      attempts: number;
      last_error: string | null;
      language: string | null;
      send_after: Date | null;
    }>(
      'SELECT status, skip_reason, attempts, last_error, language, send_after FROM message WHERE id = $1',
      [id],
    );
    return rows[0];
  }

  async function http() {
    const app = await buildServer(headOffice, { office: { dir: tmpdir() } });
    servers.push(app);
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    return address;
  }

  it('sends an email with consent, in the member’s language, with a signed unsubscribe link', async () => {
    const chan = await member({ name: '陳大文', language: 'zh-Hant' });
    const queued = await enqueue(chan.id);
    expect(queued).toMatchObject({ status: 'queued', created: true });
    await worker().runDue();
    expect(mailbox.mails).toHaveLength(1);
    const mail = mailbox.mails[0]!;
    expect(mail.to).toEqual([chan.email]);
    expect(decodeHeader(mail.headers.subject ?? '')).toBe('本週雙倍積分');
    expect(mail.headers['content-language']).toBe('zh-Hant');
    expect(mail.text).toContain('陳大文您好');
    expect(mail.headers['message-id']).toBe(`<${queued.id}@loyalty-head-office>`);
    expect(mail.headers['list-unsubscribe']).toMatch(
      new RegExp(
        `^<https://loyalty\\.example\\.com/messages/unsubscribe/${queued.id}/[\\w-]{43}>$`,
      ),
    );
    expect(await messageRow(queued.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      language: 'zh-Hant',
    });
  });

  it('keeps a message without consent as skipped and sends nothing; a withdrawal after queueing stops the send', async () => {
    const noConsent = await member({ grants: [['sms', 'marketing']] });
    const skipped = await enqueue(noConsent.id);
    expect(skipped).toMatchObject({ status: 'skipped' });
    expect(await messageRow(skipped.id)).toMatchObject({ skip_reason: 'no_consent' });
    // Birthday consent is not marketing consent.
    const birthdayOnly = await member({ grants: [['email', 'birthday']] });
    expect((await enqueue(birthdayOnly.id)).status).toBe('skipped');

    const changed = await member();
    const queued = await enqueue(changed.id);
    expect(queued.status).toBe('queued');
    till.other('consent.recorded', {
      events: [consentEvent(changed.id, 'email', 'marketing', 'withdrawn')],
    });
    await pushOk(headOffice, till, till.outbox.slice(-1));
    await worker().runDue();
    expect(mailbox.mails).toHaveLength(0);
    expect(await messageRow(queued.id)).toMatchObject({
      status: 'skipped',
      skip_reason: 'no_consent',
    });
  });

  it('waits out quiet hours in the store’s zone, then sends, without counting the wait as a try', async () => {
    const chan = await member();
    clock.ms = Date.parse('2026-11-02T14:30:00.000Z'); // 22:30 in Hong Kong
    const queued = await enqueue(chan.id);
    await worker().runDue();
    expect(mailbox.mails).toHaveLength(0);
    const waiting = await messageRow(queued.id);
    expect(waiting?.status).toBe('queued');
    expect(waiting?.send_after?.toISOString()).toBe('2026-11-03T01:00:00.000Z'); // 09:00 HK
    clock.ms = Date.parse('2026-11-03T00:59:00.000Z');
    await worker().runDue();
    expect(mailbox.mails).toHaveLength(0);
    clock.ms = Date.parse('2026-11-03T01:00:00.000Z');
    await worker().runDue();
    expect(mailbox.mails).toHaveLength(1);
    expect(await messageRow(queued.id)).toMatchObject({ status: 'sent', attempts: 1 });
    const { rows } = await db.query<{ attempts: number }>(
      "SELECT attempts FROM job WHERE kind = 'message.send'",
    );
    expect(rows).toEqual([{ attempts: 1 }]);
  });

  it('holds each member to the weekly cap across campaigns, and frees it after 7 days', async () => {
    await settings({ weeklyCap: 2 });
    const chan = await member();
    const ids = [];
    for (const campaignId of ['a', 'b', 'c']) {
      ids.push((await enqueue(chan.id, { campaignId })).id);
      clock.advance(60_000);
    }
    await worker().runDue();
    expect(mailbox.mails).toHaveLength(2);
    expect(await messageRow(ids[2]!)).toMatchObject({
      status: 'skipped',
      skip_reason: 'weekly_cap',
    });
    clock.advance(6 * 86_400_000);
    const early = await enqueue(chan.id, { campaignId: 'd' });
    await worker().runDue();
    expect(await messageRow(early.id)).toMatchObject({ skip_reason: 'weekly_cap' });
    clock.advance(86_400_000 + 60_000);
    const later = await enqueue(chan.id, { campaignId: 'e' });
    await worker().runDue();
    expect(await messageRow(later.id)).toMatchObject({ status: 'sent' });
    expect(mailbox.mails).toHaveLength(3);
  });

  it('an unsubscribe link writes a withdrawal that reaches terminals and stops the next send; a forged link writes nothing', async () => {
    const chan = await member();
    const first = await enqueue(chan.id);
    await worker().runDue();
    const link = /<(https:\/\/[^>]+)>/.exec(
      mailbox.mails[0]?.headers['list-unsubscribe'] ?? '',
    )?.[1];
    expect(link).toBeDefined();
    const base = await http();
    const path = new URL(link!).pathname;
    const forged = path.replace(/\/[\w-]{43}$/, `/${'A'.repeat(43)}`);
    const refused = await fetch(`${base}${forged}`, { method: 'POST' });
    expect(refused.status).toBe(403);
    const { rows: none } = await db.query(
      "SELECT 1 FROM consent_event WHERE method = 'unsubscribe'",
    );
    expect(none).toHaveLength(0);

    const answer = await fetch(`${base}${path}`, { method: 'POST' });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({
      channel: 'email',
      purpose: 'marketing',
      withdrawn: true,
    });
    // Followed again (the GET of a link in the text): nothing more to withdraw.
    const again = await fetch(`${base}${path}`);
    expect(await again.json()).toMatchObject({ withdrawn: false });

    const { rows } = await db.query<{ answer: string; method: string; origin: string }>(
      `SELECT e.answer, e.method, e.origin FROM consent_current c JOIN consent_event e ON e.id = c.event_id
       WHERE c.member_id = $1 AND c.channel = 'email' AND c.purpose = 'marketing'`,
      [chan.id],
    );
    expect(rows).toEqual([{ answer: 'withdrawn', method: 'unsubscribe', origin: 'head_office' }]);
    const page = await headOffice.pull(till.terminal.auth, {
      stream: 'consent',
      after: 0,
      limit: 1000,
    });
    if (!page.ok) throw new Error(page.error.message);
    const events = page.value.items.map((i) => pulledConsent.parse(i.data));
    expect(
      events.some(
        (e) =>
          e.kind === 'event' && e.event.method === 'unsubscribe' && e.event.memberId === chan.id,
      ),
    ).toBe(true);

    const next = await enqueue(chan.id, { campaignId: 'next' });
    expect(next.status).toBe('skipped');
    expect(mailbox.mails).toHaveLength(1);
    expect(first.status).toBe('queued');
  });

  it('sends SMS signed to the provider, takes its delivery report, and STOP withdraws SMS consent', async () => {
    const chan = await member({
      grants: [
        ['sms', 'marketing'],
        ['sms', 'birthday'],
        ['email', 'marketing'],
      ],
      language: 'zh-Hans',
    });
    const queued = await enqueue(chan.id, { channel: 'sms' });
    await worker().runDue();
    expect(sms.received).toHaveLength(1);
    const sent = sms.received[0]!;
    expect(sent.body).toEqual({
      to: chan.phone,
      text: 'Chan Tai Man您好，本周消费可享双倍积分。',
      id: queued.id,
    });
    expect(sent.signature).toBe(signatureOf(SMS_SECRET, JSON.stringify(sent.body)));

    const base = await http();
    const post = (path: string, body: unknown, signed: string) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signatureOf(SMS_SECRET, signed),
        },
        body: JSON.stringify(body),
      });
    const delivered = await post(
      '/messages/sms/status',
      { id: queued.id, status: 'delivered' },
      `${queued.id}\ndelivered`,
    );
    expect(await delivered.json()).toEqual({ status: 'sent' });
    const unsigned = await post(
      '/messages/sms/inbound',
      { from: chan.phone, text: 'STOP' },
      'something else',
    );
    expect(unsigned.status).toBe(403);
    const notStop = await post(
      '/messages/sms/inbound',
      { from: chan.phone, text: 'thanks' },
      `${chan.phone}\nthanks`,
    );
    expect(await notStop.json()).toEqual({ withdrawn: [] });
    const stop = await post(
      '/messages/sms/inbound',
      { from: chan.phone, text: ' stop ' },
      `${chan.phone}\n stop `,
    );
    expect(await stop.json()).toEqual({ withdrawn: ['marketing', 'birthday'] });
    const { rows } = await db.query<{ channel: string; purpose: string; answer: string }>(
      'SELECT channel, purpose, answer FROM consent_current WHERE member_id = $1 ORDER BY 1, 2',
      [chan.id],
    );
    expect(rows).toEqual([
      { channel: 'email', purpose: 'marketing', answer: 'granted' },
      { channel: 'sms', purpose: 'birthday', answer: 'withdrawn' },
      { channel: 'sms', purpose: 'marketing', answer: 'withdrawn' },
    ]);
    expect((await enqueue(chan.id, { channel: 'sms', campaignId: 'x' })).status).toBe('skipped');
    // A phone that is no member's gets the same answer as one with nothing left to withdraw.
    const stranger = await post(
      '/messages/sms/inbound',
      { from: '+85299999999', text: 'STOP' },
      '+85299999999\nSTOP',
    );
    expect(await stranger.json()).toEqual({ withdrawn: [] });
  });

  it('tries again after the SMTP server refuses once, and after the SMS provider answers 503', async () => {
    const chan = await member({
      grants: [
        ['email', 'marketing'],
        ['sms', 'marketing'],
      ],
    });
    mailbox.refuse(1, 451);
    sms.fail(1, 503);
    const mail = await enqueue(chan.id);
    const text = await enqueue(chan.id, { channel: 'sms', campaignId: 'sms' });
    await worker().runDue();
    expect(mailbox.mails).toHaveLength(0);
    expect(sms.received).toHaveLength(0);
    expect(await messageRow(mail.id)).toMatchObject({
      status: 'sending',
      attempts: 1,
      last_error: 'SMTP 451 EMESSAGE',
    });
    expect((await messageRow(text.id))?.last_error).toBe('SMS provider HTTP 503');
    clock.advance(30_000);
    await worker().runDue();
    expect(mailbox.mails).toHaveLength(1);
    expect(sms.received).toHaveLength(1);
    expect(await messageRow(mail.id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      last_error: null,
    });
    expect(await messageRow(text.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('marks a refused mailbox bounced and a refused message failed, without trying again', async () => {
    const bounced = await member({ email: 'nobody@example.com' });
    mailbox.refuseRecipient('nobody@example.com');
    const a = await enqueue(bounced.id);
    await worker().runDue();
    expect(await messageRow(a.id)).toMatchObject({
      status: 'bounced',
      last_error: 'SMTP 550 EENVELOPE',
    });
    const refused = await member();
    mailbox.refuse(1, 554);
    const b = await enqueue(refused.id);
    await worker().runDue();
    clock.advance(HOUR);
    await worker().runDue();
    expect(await messageRow(b.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(mailbox.mails).toHaveLength(0);
    // Neither address reached the row.
    const { rows } = await db.query<{ last_error: string }>('SELECT last_error FROM message');
    expect(rows.every((r) => !r.last_error.includes('@'))).toBe(true);
  });

  it('sends each message once when two nodes race for the queue', async () => {
    const members = [];
    for (let i = 0; i < 4; i++) members.push(await member());
    const ids = [];
    for (const m of members) ids.push((await enqueue(m.id)).id);
    await Promise.all([worker('node-a').runDue(), worker('node-b').runDue()]);
    await Promise.all([worker('node-a').runDue(), worker('node-b').runDue()]);
    expect(mailbox.mails.map((m) => m.headers['message-id']).sort()).toEqual(
      ids.map((id) => `<${id}@loyalty-head-office>`).sort(),
    );
  });

  it('resumes a send a node reserved before it died, once its lease is over', async () => {
    const chan = await member();
    const queued = await enqueue(chan.id);
    const claimed = await headOffice.jobs.claim('dead-node', ['message.send'], 300_000);
    expect(claimed).not.toBeNull();
    expect((await headOffice.messages.reserveForTest(queued.id)).kind).toBe('send');
    expect(await messageRow(queued.id)).toMatchObject({ status: 'sending' });
    await worker('node-b').runDue();
    expect(mailbox.mails).toHaveLength(0);
    clock.advance(300_001);
    await worker('node-b').runDue();
    expect(mailbox.mails).toHaveLength(1);
    expect(await messageRow(queued.id)).toMatchObject({ status: 'sent' });
  });

  it('greets members on their birthday in the store’s zone, once a year, with birthday consent only', async () => {
    // 2026-11-02T17:00Z is 3 November 01:00 in Hong Kong.
    clock.ms = Date.parse('2026-11-02T17:00:00.000Z');
    const lam = await member({
      name: 'Lam',
      birthday: '1990-11-03',
      grants: [['email', 'birthday']],
      language: 'zh-Hans',
    });
    await member({ birthday: '1991-11-03', grants: [['email', 'marketing']] });
    await member({ birthday: '1992-11-02', grants: [['email', 'birthday']] });
    const smsOnly = await member({
      email: null,
      birthday: '1985-11-03',
      grants: [['sms', 'birthday']],
    });
    expect(await headOffice.messages.queueBirthdayGreetings()).toBe(2);
    clock.advance(HOUR);
    expect(await headOffice.messages.queueBirthdayGreetings()).toBe(0);
    const { rows } = await db.query<{ member_id: string; channel: string; template: string }>(
      'SELECT member_id, channel, template FROM message ORDER BY channel',
    );
    expect(rows).toEqual([
      { member_id: lam.id, channel: 'email', template: 'birthday' },
      { member_id: smsOnly.id, channel: 'sms', template: 'birthday' },
    ]);
    // 02:00 in Hong Kong is quiet: the greetings wait for 09:00.
    await worker().runDue();
    expect(mailbox.mails).toHaveLength(0);
    clock.ms = Date.parse('2026-11-03T01:00:00.000Z');
    await worker().runDue();
    expect(decodeHeader(mailbox.mails[0]?.headers.subject ?? '')).toBe(
      birthdayGreeting['zh-Hans'].subject,
    );
    expect(sms.received[0]?.body.text).toContain('Happy birthday');
  });

  it('refuses hostile calls on the routes without a session, writing nothing', async () => {
    const chan = await member({ grants: [['sms', 'marketing']] });
    const queued = await enqueue(chan.id, { channel: 'sms' });
    const base = await http();
    const send = (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) =>
      fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const signed = (text: string) => ({ [SIGNATURE_HEADER]: signatureOf(SMS_SECRET, text) });
    const answers = [
      await send('GET', '/messages/unsubscribe/not-an-id/abc'),
      await send('POST', `/messages/unsubscribe/${queued.id}/${'x'.repeat(44)}`),
      await send('POST', `/messages/unsubscribe/${queued.id}/${'A'.repeat(43)}`),
      await send('POST', '/messages/sms/status', { id: queued.id, status: 'failed' }),
      await send(
        'POST',
        '/messages/sms/status',
        { id: queued.id, status: 'failed' },
        signed(`${queued.id}\ndelivered`),
      ),
      await send(
        'POST',
        '/messages/sms/status',
        { id: queued.id, status: 'lost' },
        signed(`${queued.id}\nlost`),
      ),
      await send(
        'POST',
        '/messages/sms/inbound',
        { from: chan.phone, text: 'STOP', extra: 1 },
        signed(`${chan.phone}\nSTOP`),
      ),
      await send(
        'POST',
        '/messages/sms/inbound',
        { from: chan.phone, text: 'STOP' },
        { [SIGNATURE_HEADER]: 'sha256=' },
      ),
      await send(
        'POST',
        '/messages/sms/inbound',
        { from: chan.phone, text: 'STOP' },
        { [SIGNATURE_HEADER]: signatureOf('wrong secret', `${chan.phone}\nSTOP`) },
      ),
    ];
    expect(answers.map((a) => a.status)).toEqual([400, 400, 403, 403, 403, 400, 400, 403, 403]);
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int8 AS n FROM consent_event WHERE method = 'unsubscribe'",
    );
    expect(rows[0]?.n).toBe(0);
    expect(await messageRow(queued.id)).toMatchObject({ status: 'queued', last_error: null });
  });

  it('shows counts per campaign and a member’s messages, and refuses bad input writing nothing', async () => {
    const chan = await member();
    await enqueue(chan.id);
    await enqueue(chan.id, { channel: 'sms' });
    await worker().runDue();
    const counts = await headOffice.messages.counts();
    expect(counts.ok && counts.value.rows).toEqual([
      { campaignId: 'double-points', template: 'offer', status: 'sent', count: 1 },
      { campaignId: 'double-points', template: 'offer', status: 'skipped', count: 1 },
    ]);
    const mine = await headOffice.messages.ofMember(chan.id);
    expect(mine.ok && mine.value.messages.map((m) => m.status).sort()).toEqual(['sent', 'skipped']);
    expect(await headOffice.messages.ofMember('not-an-id')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await headOffice.messages.ofMember(uuidv7())).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });

    const before = await headOffice.messages.getSettings();
    for (const bad of [
      null,
      {},
      { ...(before.ok ? before.value : {}), quietHours: { start: '25:00', end: '09:00' } },
      { ...(before.ok ? before.value : {}), defaultTimeZone: 'Mars/Olympus' },
      { ...(before.ok ? before.value : {}), sms: { url: 'file:///etc/passwd' } },
      { ...(before.ok ? before.value : {}), weeklyCap: -1 },
    ]) {
      expect(await headOffice.messages.saveSettings('admin', bad)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(await headOffice.messages.getSettings()).toEqual(before);
    expect(before.ok && before.value).toMatchObject({ smsSecretSet: true, smtpPasswordSet: false });
    expect(JSON.stringify(before)).not.toContain(SMS_SECRET);

    expect(
      await headOffice.messages.smsStatus({ id: 'x', status: 'delivered' }, 'sha256=00'),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      await headOffice.messages.smsInbound({ from: 'not a phone', text: 'STOP' }, undefined),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await headOffice.messages.unsubscribe(uuidv7(), 'A'.repeat(43))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await expect(enqueue(uuidv7())).rejects.toThrow();
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM message');
    expect(rows[0]?.n).toBe(2);
  });
});
