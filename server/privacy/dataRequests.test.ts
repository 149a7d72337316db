import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { erasedCardNumber } from '../../shared/rules/erasure';
import { pulledErasure } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import { TerminalScript, TestClock, enrollTerminal, pushOk } from '../testing/terminalScript';
import { memberExportPdf } from './exportPdf';

const CHAN = { name: 'Chan Tai Man', phoneE164: '+85291234567', email: 'chan@example.com' };
const WONG = { name: 'Wong Siu Ming', phoneE164: '+85298765432', email: 'wong@example.com' };

/** Every table of head office as text, to look for a value anywhere in it. */
async function everyRowAsText(db: Database): Promise<string> {
  const { rows: tables } = await db.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`,
  );
  let text = '';
  for (const { tablename } of tables) {
    // Names from the catalogue, not from input.
    const { rows } = await db.query<{ row: string }>(
      `SELECT t::text AS row FROM "${tablename}" AS t`,
    );
    text += rows.map((r) => r.row).join('\n');
  }
  return text;
}

/**
 * Data-subject requests at head office (issue 14 §2): the log with its due dates and overdue
 * flag, the export of one member holding nothing of another, erasure approved by a second admin
 * scrubbing every table and publishing on the erasures stream, a push of old data that brings
 * nothing back, retention, and hostile input answered with nothing written.
 */
describe.each(testDatabases)('data-subject requests on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let tillA: TerminalScript;
  let tillB: TerminalScript;
  let chan: string;
  let wong: string;

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
    chan = tillA.enrollMember(CHAN).memberId;
    wong = tillA.enrollMember(WONG).memberId;
    // Interleaved: both members buy at both stores, turn about.
    for (let i = 0; i < 3; i++) {
      tillA.sale({ memberId: chan, earn: 10 + i });
      tillA.sale({ memberId: wong, earn: 20 + i });
    }
    tillA.updateMember(chan, { name: 'Chan Tai-man', email: 'tm.chan@example.com' });
    await pushOk(headOffice, tillA);
    tillB.sale({ memberId: wong, earn: 5 });
    tillB.sale({ memberId: chan, earn: 7 });
    await pushOk(headOffice, tillB);
  });

  async function logRequest(
    kind: 'access' | 'correction' | 'erasure',
    memberId: string,
    actor = 'Ms Lam',
  ) {
    const logged = await headOffice.privacy.createRequest(actor, { kind, memberId });
    if (!logged.ok) throw new Error(logged.error.message);
    return logged.value;
  }

  it('logs a request due 40 days after it was received, and flags it overdue after', async () => {
    const request = await logRequest('access', chan);
    expect(request).toMatchObject({
      status: 'open',
      receivedOn: '2026-11-02',
      dueOn: '2026-12-12',
    });
    expect(request.overdue).toBe(false);
    clock.advance(41 * 86_400_000);
    const list = await headOffice.privacy.listRequests({});
    expect(list.ok && list.value.requests[0]).toMatchObject({ id: request.id, overdue: true });
    expect(list.ok && list.value.overdueCount).toBe(1);
    const done = await headOffice.privacy.setStatus('Ms Lam', request.id, { status: 'completed' });
    expect(done.ok && done.value).toMatchObject({ status: 'completed', overdue: false });
    const again = await headOffice.privacy.setStatus('Ms Lam', request.id, { status: 'rejected' });
    expect(again).toMatchObject({ ok: false, error: { code: 'request_closed' } });
  });

  it('takes the deadline from the policy', async () => {
    const set = await headOffice.privacy.setPolicy('Ms Lam', {
      requestDeadlineDays: 30,
      retentionYears: null,
      retentionNoticeDays: 30,
    });
    expect(set.ok).toBe(true);
    const request = await logRequest('correction', chan);
    expect(request.dueOn).toBe('2026-12-02');
  });

  it("exports everything about one member and nothing of the other's", async () => {
    const exported = await headOffice.privacy.exportMember(chan);
    if (!exported.ok) throw new Error(exported.error.message);
    const text = JSON.stringify(exported.value);
    const section = (name: string) => exported.value.sections.find((s) => s.name === name)?.rows;
    expect(section('profile')?.[0]).toMatchObject({ id: chan, name: 'Chan Tai-man' });
    expect(section('sales')).toHaveLength(4);
    expect(section('pointsLedger')).toHaveLength(4);
    expect(section('consentHistory')).toEqual([]);
    for (const other of [wong, WONG.name, WONG.phoneE164, WONG.email, WONG.phoneE164.slice(-8)]) {
      expect(text).not.toContain(other);
    }
    const pdf = await memberExportPdf(exported.value, 'card');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('erases only with a second admin, everywhere at head office, and publishes it', async () => {
    const request = await logRequest('erasure', chan, 'Ms Lam');
    const same = await headOffice.privacy.approveErasure('Ms Lam', request.id);
    expect(same).toMatchObject({ ok: false, error: { code: 'same_approver' } });
    const before = await everyRowAsText(db);
    expect(before).toContain(CHAN.phoneE164);

    const approved = await headOffice.privacy.approveErasure('Mr Ho', request.id);
    expect(approved.ok && approved.value.request).toMatchObject({
      status: 'completed',
      approvedBy: 'Mr Ho',
    });
    const after = await everyRowAsText(db);
    for (const personal of [
      CHAN.name,
      'Chan Tai-man',
      CHAN.phoneE164,
      CHAN.email,
      'tm.chan@example.com',
    ]) {
      expect(after).not.toContain(personal);
    }
    // The other member is untouched; the erased one's sales and points stay.
    expect(after).toContain(WONG.phoneE164);
    const { rows: sales } = await db.query('SELECT 1 FROM sale WHERE member_id = $1', [chan]);
    expect(sales).toHaveLength(4);
    const { rows: card } = await db.query<{ card_number: string }>(
      'SELECT card_number FROM member WHERE id = $1',
      [chan],
    );
    expect(card[0]?.card_number).toBe(erasedCardNumber(chan));

    const pulled = await headOffice.pull(tillB.terminal.auth, {
      stream: 'erasures',
      after: 0,
      limit: 10,
    });
    if (!pulled.ok) throw new Error(pulled.error.message);
    expect(pulled.value.items).toHaveLength(1);
    expect(pulledErasure.parse(pulled.value.items[0]?.data)).toMatchObject({ memberId: chan });

    // Irreversible, and a second time is refused with nothing written.
    const again = await headOffice.privacy.approveErasure('Mr Ho', request.id);
    expect(again).toMatchObject({ ok: false, error: { code: 'request_closed' } });
    const another = await headOffice.privacy.createRequest('Ms Lam', {
      kind: 'erasure',
      memberId: chan,
    });
    expect(another).toMatchObject({ ok: false, error: { code: 'already_erased' } });
    const exported = await headOffice.privacy.exportMember(chan);
    expect(exported).toMatchObject({ ok: false, error: { code: 'already_erased' } });
    await expect(db.query('DELETE FROM member_erasure')).rejects.toThrow(/irreversible/);
  });

  it('keeps an erased member erased when a terminal pushes their old data', async () => {
    const request = await logRequest('erasure', chan);
    await headOffice.privacy.approveErasure('Mr Ho', request.id);
    // Till B had not heard: it pushes an edit of the name and phone it still holds.
    tillB.updateMember(chan, { name: CHAN.name, email: CHAN.email });
    await pushOk(headOffice, tillB);
    const text = await everyRowAsText(db);
    expect(text).not.toContain(CHAN.name);
    expect(text).not.toContain(CHAN.email);
    const { rows } = await db.query<{ name: string }>('SELECT name FROM member WHERE id = $1', [
      chan,
    ]);
    expect(rows[0]?.name).toBe('');
  });

  it('answers hostile and unknown input clearly and writes nothing', async () => {
    const count = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM data_request')).rows[0]?.n;
    const bad: unknown[] = [
      null,
      {},
      { kind: 'erasure' },
      { kind: 'delete', memberId: chan },
      { kind: 'access', memberId: 'not-an-id' },
      { kind: 'access', memberId: chan, extra: 1 },
      { kind: 'access', memberId: chan, receivedOn: '2026-13-40' },
      { kind: 'access', memberId: chan, receivedOn: '2099-01-01' },
      { kind: 'access', memberId: chan, note: 'a\u0000b' },
      { kind: 'access', memberId: chan, note: 'x'.repeat(2001) },
    ];
    for (const body of bad) {
      const answer = await headOffice.privacy.createRequest('Ms Lam', body);
      expect(answer, JSON.stringify(body)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    const unknown = await headOffice.privacy.createRequest('Ms Lam', {
      kind: 'erasure',
      memberId: '01890000-0000-7000-8000-000000000000',
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await headOffice.privacy.approveErasure('Mr Ho', 'nope')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await headOffice.privacy.approveErasure('Mr Ho', '01890000-0000-7000-8000-000000000000'),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const access = await logRequest('access', chan);
    expect(await headOffice.privacy.approveErasure('Mr Ho', access.id)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await headOffice.privacy.exportMember('x')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    for (const policy of [
      {},
      { requestDeadlineDays: 0, retentionYears: null, retentionNoticeDays: 1 },
    ]) {
      expect(await headOffice.privacy.setPolicy('Ms Lam', policy)).toMatchObject({ ok: false });
    }
    expect(await count()).toBe(1);
    const { rows } = await db.query('SELECT 1 FROM member_erasure');
    expect(rows).toHaveLength(0);
  });

  it('answers requests about unknown and erased members, and hostile status changes, clearly and writes nothing', async () => {
    const nobody = '01890000-0000-7000-8000-000000000000';
    // Two erasure requests for one member: the second finds them erased and changes nothing.
    const first = await logRequest('erasure', chan);
    const second = await logRequest('erasure', chan);
    const access = await logRequest('access', chan);
    expect((await headOffice.privacy.approveErasure('Mr Ho', first.id)).ok).toBe(true);
    const state = async () => ({
      requests: (
        await db.query(
          'SELECT id, status, approved_by, closed_at, note FROM data_request ORDER BY number',
        )
      ).rows,
      erasures: (await db.query('SELECT member_id FROM member_erasure')).rows,
      published: (await db.query("SELECT seq FROM change_log WHERE stream = 'erasures'")).rows,
      audit: (await db.query('SELECT count(*)::int8 AS n FROM audit_log')).rows,
    });
    const before = await state();
    expect(await headOffice.privacy.approveErasure('Mr Ho', second.id)).toMatchObject({
      ok: false,
      error: { code: 'already_erased' },
    });
    for (const memberId of [chan, nobody]) {
      for (const kind of ['access', 'correction', 'erasure'] as const) {
        expect(
          await headOffice.privacy.createRequest('Ms Lam', { kind, memberId }),
          `${kind} ${memberId}`,
        ).toMatchObject({
          ok: false,
          error: { code: memberId === chan ? 'already_erased' : 'not_found' },
        });
      }
    }
    expect(await headOffice.privacy.exportMember(nobody)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(
      await headOffice.privacy.setStatus('Ms Lam', nobody, { status: 'rejected' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    for (const [id, body] of [
      ['nope', { status: 'rejected' }],
      [access.id, null],
      [access.id, {}],
      [access.id, { status: 'open' }],
      [access.id, { status: 'erased' }],
      [access.id, { status: 'rejected', extra: true }],
      [access.id, { status: 'rejected', note: 'x'.repeat(2001) }],
      [access.id, { status: 'rejected', note: 'a\u0000b' }],
    ] as const) {
      expect(
        await headOffice.privacy.setStatus('Ms Lam', id, body),
        JSON.stringify(body),
      ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    // An erasure is completed by its approval only.
    expect(
      await headOffice.privacy.setStatus('Ms Lam', second.id, { status: 'completed' }),
    ).toMatchObject({ ok: false, error: { code: 'request_closed' } });
    expect(await state()).toEqual(before);
  });

  it('lists members ahead of retention and the job anonymises them once', async () => {
    await headOffice.privacy.setPolicy('Ms Lam', {
      requestDeadlineDays: 40,
      retentionYears: 2,
      retentionNoticeDays: 30,
    });
    // Wong comes back a year later; Chan does not.
    clock.advance(365 * 86_400_000);
    tillB.sale({ memberId: wong, earn: 1 });
    await pushOk(headOffice, tillB);
    clock.advance(350 * 86_400_000);
    const report = await headOffice.privacy.retentionReport();
    expect(report.ok && report.value.members.map((m) => m.memberId)).toEqual([chan]);
    expect(await headOffice.privacy.anonymiseInactive()).toBe(0);
    clock.advance(20 * 86_400_000);
    // Two nodes run the job; the queue runs the day's slot once, and a rerun finds nobody.
    const [a, b] = [headOffice.jobWorker('node-a'), headOffice.jobWorker('node-b')];
    await Promise.all([a.runDue(), b.runDue()]);
    const { rows } = await db.query<{ member_id: string; reason: string }>(
      'SELECT member_id, reason FROM member_erasure',
    );
    expect(rows).toEqual([{ member_id: chan, reason: 'retention' }]);
    expect(await headOffice.privacy.anonymiseInactive()).toBe(0);
    const { rows: runs } = await db.query(
      `SELECT 1 FROM job WHERE kind = 'privacy.retention' AND done_at IS NOT NULL`,
    );
    expect(runs).toHaveLength(1);
  });
});
