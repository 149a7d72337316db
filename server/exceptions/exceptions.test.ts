import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import { TerminalScript, TestClock, enrollTerminal, pushOk } from '../testing/terminalScript';

describe.each(testDatabases)('the exceptions queue on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;

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
    // One overdraft and one merge to work with.
    const tillA = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'A' }), clock);
    const tillB = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'B' }), clock);
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    tillA.sale({ memberId: chan.memberId, earn: 100 });
    tillA.sale({ memberId: chan.memberId, redeem: 300 });
    tillB.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    await pushOk(headOffice, tillA);
    await pushOk(headOffice, tillB);
  });

  async function list(query: unknown) {
    const result = await headOffice.admin.listExceptions(query);
    if (!result.ok) throw new Error(result.error.message);
    return result.value.exceptions;
  }

  it('lists exceptions oldest first, by status and kind', async () => {
    const all = await list({});
    expect(all.map((e) => [e.number, e.kind, e.status])).toEqual([
      [1, 'overdraft', 'open'],
      [2, 'member_merged', 'open'],
    ]);
    expect(await list({ status: 'resolved' })).toEqual([]);
    expect((await list({ status: 'open', kind: 'member_merged' })).map((e) => e.kind)).toEqual([
      'member_merged',
    ]);
    // Query strings arrive as text.
    expect((await list({ status: 'open', limit: '1' })).map((e) => e.number)).toEqual([1]);
    expect((await list({ status: 'open', after: '1' })).map((e) => e.number)).toEqual([2]);
    for (const query of [{ status: 'closed' }, { limit: '0' }, { kind: 'fraud' }]) {
      expect(await headOffice.admin.listExceptions(query)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });

  it('resolves an exception once, recording who, when and how', async () => {
    const [overdraft] = await list({ kind: 'overdraft' });
    if (!overdraft) throw new Error('no overdraft');
    clock.advance(3600_000);
    const resolved = await headOffice.admin.resolveException(
      'Ms Lam (area manager)',
      overdraft.id,
      {
        resolution: 'write_off',
        note: 'Loyal customer; points written off.',
      },
    );
    expect(resolved).toMatchObject({
      ok: true,
      value: {
        id: overdraft.id,
        status: 'resolved',
        resolution: 'write_off',
        resolutionNote: 'Loyal customer; points written off.',
        resolvedBy: 'Ms Lam (area manager)',
        resolvedAt: new Date(clock.ms).toISOString(),
        facts: overdraft.facts,
      },
    });
    expect((await list({ status: 'resolved' })).map((e) => e.id)).toEqual([overdraft.id]);
    expect((await list({ status: 'open' })).map((e) => e.kind)).toEqual(['member_merged']);

    const twice = await headOffice.admin.resolveException('someone else', overdraft.id, {
      resolution: 'charge_back',
      note: 'No, charge it back.',
    });
    expect(twice).toMatchObject({
      ok: false,
      error: {
        code: 'already_resolved',
        details: { resolution: 'write_off', resolvedBy: 'Ms Lam (area manager)' },
      },
    });
    expect(await headOffice.admin.getException(overdraft.id)).toMatchObject({
      ok: true,
      value: { resolution: 'write_off' },
    });

    const { rows } = await db.query<{
      actor: string;
      action: string;
      subject: string;
      details: unknown;
    }>("SELECT actor, action, subject, details FROM audit_log WHERE action = 'exception.resolved'");
    // The details also carry the ledger effect (exceptionResolution.test.ts checks those).
    expect(rows).toMatchObject([
      {
        actor: 'Ms Lam (area manager)',
        action: 'exception.resolved',
        subject: overdraft.id,
        details: {
          kind: 'overdraft',
          resolution: 'write_off',
          note: 'Loyal customer; points written off.',
        },
      },
    ]);
  });

  it('refuses bad resolutions and unknown exceptions', async () => {
    const [first] = await list({});
    const id = first?.id ?? '';
    for (const body of [
      undefined,
      {},
      { resolution: 'forgive', note: 'x' },
      { resolution: 'reverse', note: '   ' },
      { resolution: 'reverse', note: 'x'.repeat(2001) },
      { resolution: 'reverse', note: 'ok', by: 'me' },
    ]) {
      expect(await headOffice.admin.resolveException('admin', id, body)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
    expect(
      await headOffice.admin.resolveException('admin', '01900000-0000-7000-8000-000000000000', {
        resolution: 'reverse',
        note: 'x',
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(
      await headOffice.admin.resolveException('admin', "'; DROP TABLE exception_case; --", {
        resolution: 'reverse',
        note: 'x',
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
