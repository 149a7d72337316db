import { afterEach, describe, expect, it } from 'vitest';
import type { Member, MemberSummary } from '../../../shared/domain';
import { erasedCardNumber } from '../../../shared/rules/erasure';
import type { PulledErasure, PullResponse } from '../../../shared/sync/protocol';
import { openTestCore, unwrap, type TestCore } from '../../../test/unit/helpers/terminal';
import { ledgerPlaintext } from '../../../test/unit/helpers/ledgerPlaintext';
import { applyPullPage } from '../sync/applyPull';
import { compactAfterErasure, reapplyKnownErasures } from './eraseMember';

const ledgerPlaintextOf = (core: TestCore): Buffer => ledgerPlaintext(core.dataDir);

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length > 0) cores.pop()?.cleanup();
});

let seq = 0;
function erasures(...items: unknown[]): PullResponse {
  const first = seq + 1;
  seq += items.length;
  return {
    stream: 'erasures',
    items: items.map((data, i) => ({ seq: first + i, stream: 'erasures', data })),
    cursor: seq,
    hasMore: false,
    terminalHighWaterMark: 0,
    serverTime: new Date().toISOString(),
  };
}

const erasureOf = (memberId: string): PulledErasure => ({
  memberId,
  cardNumber: erasedCardNumber(memberId),
  erasedAt: '2026-12-07T04:00:00.000Z',
});

function enroll(core: TestCore, name: string, phone: string, email: string): Member {
  return unwrap(core.dispatch('member.enroll', { name, phone, email })) as Member;
}

const search = (core: TestCore, query: string) =>
  unwrap(core.dispatch('member.search', { query })) as MemberSummary[];

describe('an erasure pulled from head office', () => {
  it('scrubs the member, their search tokens and outbox, and their bytes leave the ledger and its WAL', () => {
    const core = openTestCore();
    cores.push(core);
    const chan = enroll(core, 'Chan Tai Man', '9123 4567', 'chan.taiman@example.com');
    const wong = enroll(core, 'Wong Siu Ming', '9876 5432', 'wong.siuming@example.com');
    // An edit leaves the old name in a freed cell: it must go too.
    unwrap(core.dispatch('member.update', { memberId: chan.id, name: 'Chan Tai-man Peter' }));
    const personal = ['Chan Tai Man', 'Chan Tai-man Peter', '91234567', 'chan.taiman@example.com'];
    const before = ledgerPlaintextOf(core);
    // The scan reads the plaintext: before the erasure it finds the member (in file or WAL).
    for (const value of personal) expect(before.includes(value), value).toBe(true);

    applyPullPage(core.db, erasures(erasureOf(chan.id)));
    compactAfterErasure(core.db);

    expect(search(core, 'Chan')).toEqual([]);
    expect(search(core, '91234567')).toEqual([]);
    expect(search(core, '4567')).toEqual([]);
    expect(search(core, 'Wong').map((m) => m.id)).toEqual([wong.id]);
    const shown = unwrap(core.dispatch('member.get', { memberId: chan.id })) as Member;
    expect(shown).toMatchObject({ name: '', email: null, cardNumber: erasedCardNumber(chan.id) });
    const outbox = core.db
      .prepare("SELECT payload FROM outbox WHERE op_type LIKE 'member.%'")
      .all() as { payload: string }[];
    const payloads = outbox.map((r) => r.payload).join('\n');
    for (const value of personal) expect(payloads).not.toContain(value);
    expect(payloads).toContain('Wong Siu Ming');

    const after = ledgerPlaintextOf(core);
    for (const value of personal) expect(after.includes(value), value).toBe(false);
    // The other member is still there: the scan would have found a survivor.
    expect(after.includes('Wong Siu Ming')).toBe(true);
    expect(after.includes('98765432')).toBe(true);
    expect(core.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(core.db.pragma('auto_vacuum', { simple: true })).toBe(2);
  });

  it('applies twice as once, keeps an unknown member erased, and skips what it cannot read', () => {
    const core = openTestCore();
    cores.push(core);
    const chan = enroll(core, 'Chan Tai Man', '9123 4567', 'chan.taiman@example.com');
    applyPullPage(core.db, erasures(erasureOf(chan.id)));
    applyPullPage(core.db, erasures(erasureOf(chan.id)));
    const stranger = '01a199c5-3824-7094-be53-a0a91650f7f1';
    const hostile = [
      null,
      { memberId: 'not-an-id', cardNumber: 'X', erasedAt: 'now' },
      { memberId: chan.id },
      { ...erasureOf(chan.id), cardNumber: 'X'.repeat(21) },
      { ...erasureOf(chan.id), extra: true },
    ];
    applyPullPage(core.db, erasures(...hostile, erasureOf(stranger)));
    const erased = core.db.prepare('SELECT member_id FROM erased_member ORDER BY member_id').all();
    expect(erased).toEqual(
      [{ member_id: chan.id }, { member_id: stranger }].sort((a, b) =>
        a.member_id < b.member_id ? -1 : 1,
      ),
    );
    expect(
      core.db.prepare("SELECT cursor FROM sync_cursor WHERE stream = 'erasures'").get(),
    ).toEqual({ cursor: seq });
  });

  it('erases again a member a restore brought back with their data', () => {
    const core = openTestCore();
    cores.push(core);
    const chan = enroll(core, 'Chan Tai Man', '9123 4567', 'chan.taiman@example.com');
    applyPullPage(core.db, erasures(erasureOf(chan.id)));
    expect(reapplyKnownErasures(core.db)).toBe(0);
    // As if an operation given back after a restore had written them in again.
    core.db
      .prepare("UPDATE member SET name = 'Chan Tai Man', phone_e164 = '+85291234567' WHERE id = ?")
      .run(chan.id);
    expect(reapplyKnownErasures(core.db)).toBe(1);
    const shown = unwrap(core.dispatch('member.get', { memberId: chan.id })) as Member;
    expect(shown.name).toBe('');
  });

  it('an erased member takes no more consent or profile edits: a clear answer, nothing written', () => {
    const core = openTestCore();
    cores.push(core);
    const chan = enroll(core, 'Chan Tai Man', '9123 4567', 'chan.taiman@example.com');
    applyPullPage(core.db, erasures(erasureOf(chan.id)));
    const written = () => ({
      outbox: core.db.prepare('SELECT count(*) AS n FROM outbox').get(),
      consent: core.db.prepare('SELECT count(*) AS n FROM consent_event').get(),
      member: core.db.prepare('SELECT * FROM member WHERE id = ?').get(chan.id),
    });
    const before = written();
    const consent = {
      method: 'cashier_verbal',
      language: 'en',
      answers: [{ channel: 'sms', purpose: 'marketing', answer: 'granted', wordingVersion: 1 }],
    };
    expect(core.dispatch('consent.record', { memberId: chan.id, consent })).toMatchObject({
      ok: false,
      error: { code: 'member_erased', field: 'memberId' },
    });
    for (const edit of [
      { name: 'Chan Tai Man' },
      { phone: '9123 4567' },
      { email: 'c@example.com' },
    ]) {
      expect(core.dispatch('member.update', { memberId: chan.id, ...edit })).toMatchObject({
        ok: false,
        error: { code: 'member_erased' },
      });
    }
    // A member this terminal never knew: the same refusal as before, nothing written.
    const stranger = '01a199c5-3824-7094-be53-a0a91650f7f1';
    expect(core.dispatch('consent.record', { memberId: stranger, consent })).toMatchObject({
      ok: false,
      error: { code: 'member_not_found' },
    });
    expect(core.dispatch('member.update', { memberId: stranger, name: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'member_not_found' },
    });
    expect(written()).toEqual(before);
  });

  it('still refuses to rewrite the outbox of a member who was not erased', () => {
    const core = openTestCore();
    cores.push(core);
    enroll(core, 'Wong Siu Ming', '9876 5432', 'wong.siuming@example.com');
    expect(() =>
      core.db.prepare("UPDATE outbox SET payload = '{}' WHERE op_type = 'member.enrolled'").run(),
    ).toThrow(/only be acknowledged/);
  });
});
