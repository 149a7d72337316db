import { createHash } from 'node:crypto';
import type { OperationOutcome } from '../../shared/sync/protocol';
import { checkComplaints } from './complaintInvariants';
import type { OpLog } from './operations';
import { call, type World } from './world';

/**
 * What must hold once the network is healthy again and every terminal has synced: every
 * operation applied exactly once, every balance the same everywhere, every overdraft and
 * double coupon raised, and every terminal seeing the members head office sees.
 */

export interface InvariantCounts {
  lost: number;
  duplicated: number;
  balance_mismatches: number;
  coupon_double_confirmed: number;
  unrecorded_overdrafts: number;
  complaint_mismatches: number;
}

export interface InvariantReport {
  counts: InvariantCounts;
  /** Operations head office rejected (the poisoned ones), each kept as an exception. */
  rejected: number;
  /** Members a terminal sees differently from head office (missing, merge, profile fields). */
  viewMismatches: number;
  /** Terminals with operations head office has not acknowledged. */
  pendingTerminals: number;
  /** Complaints and their events, written anywhere (the union). */
  complaints: number;
  complaintEvents: number;
  /** The first few findings, in words. */
  problems: string[];
  facts: Record<string, number>;
  /**
   * A fingerprint of head office's end state in terms a seed decides (card and sale numbers,
   * names, balances, exceptions), leaving out the ids terminals draw from the OS: two runs of one
   * seed must print the same one.
   */
  digest: string;
}

interface ServerOp {
  terminal_id: string;
  seq: number;
  op_id: string;
  type: string;
  payload: Record<string, unknown> | null;
  outcome: OperationOutcome;
}

interface ServerMember {
  id: string;
  card_number: string;
  name: string;
  phone_e164: string;
  email: string | null;
  birthday: string | null;
  marketing_consent: boolean;
  merged_into: string | null;
}

interface TerminalMember extends Omit<ServerMember, 'marketing_consent'> {
  marketing_consent: number;
  points_balance: number;
}

interface Entry {
  id: string;
  member_id: string;
  points: number;
  kind: string;
}

const MAX_PROBLEMS = 40;

function entriesOf(payload: Record<string, unknown> | null): Entry[] {
  const entries = payload?.pointsEntries;
  if (!Array.isArray(entries)) return [];
  return entries.map((e: { id: string; memberId: string; points: number; kind: string }) => ({
    id: e.id,
    member_id: e.memberId,
    points: e.points,
    kind: e.kind,
  }));
}

function couponIdsOf(payload: Record<string, unknown> | null): string[] {
  const uses = payload?.couponUses;
  if (!Array.isArray(uses)) return [];
  return uses.map((u: { couponId: string }) => u.couponId);
}

function add(map: Map<string, number>, key: string, points: number): void {
  map.set(key, (map.get(key) ?? 0) + points);
}

export async function checkInvariants(world: World, ops: OpLog): Promise<InvariantReport> {
  const counts: InvariantCounts = {
    lost: 0,
    duplicated: 0,
    balance_mismatches: 0,
    coupon_double_confirmed: 0,
    unrecorded_overdrafts: 0,
    complaint_mismatches: 0,
  };
  let viewMismatches = 0;
  let pendingTerminals = 0;
  const problems: string[] = [];
  const note = (what: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(what);
  };
  const q = async <T>(sql: string) => (await world.headOffice.db.query<T>(sql)).rows;

  const marks = new Map(
    (
      await q<{ id: string; high_water_mark: number }>('SELECT id, high_water_mark FROM terminal')
    ).map((r) => [r.id, r.high_water_mark]),
  );
  const serverOps = await q<ServerOp>(
    'SELECT terminal_id, seq, op_id, type, payload, outcome FROM sync_op ORDER BY terminal_id, seq',
  );
  const serverEntries = await q<Entry & { op_id: string }>(
    'SELECT id, member_id, points, kind, op_id FROM points_entry',
  );
  const serverMembers = await q<ServerMember>(
    `SELECT id, card_number, name, phone_e164, email, birthday, marketing_consent, merged_into
     FROM member ORDER BY arrived_at, id`,
  );
  const serverBalance = new Map(
    (
      await q<{ member_id: string; points: number }>('SELECT member_id, points FROM member_balance')
    ).map((r) => [r.member_id, r.points]),
  );
  const serverSales = await q<{ id: string; number: string; terminal_id: string }>(
    'SELECT id, number, terminal_id FROM sale',
  );
  const exceptions = await q<{ kind: string; op_id: string | null; member_id: string | null }>(
    'SELECT kind, op_id, member_id FROM exception_case',
  );

  const opsByTerminal = new Map<string, Map<number, ServerOp>>();
  for (const op of serverOps) {
    const byTerminal = opsByTerminal.get(op.terminal_id) ?? new Map<number, ServerOp>();
    byTerminal.set(op.seq, op);
    opsByTerminal.set(op.terminal_id, byTerminal);
  }
  const serverEntryById = new Map(serverEntries.map((e) => [e.id, e]));
  const serverSaleIds = new Set(serverSales.map((s) => s.id));
  const mergedInto = new Map(serverMembers.map((m) => [m.id, m.merged_into]));
  const resolve = (id: string) => mergedInto.get(id) ?? id;

  // Lost: every outbox operation, sale and points entry of every terminal is at head office,
  // and head office's mark for the terminal is the terminal's last seq.
  const terminalSums = new Map<string, number>();
  let terminalSaleCount = 0;
  let terminalEntryCount = 0;
  for (const terminal of world.terminals) {
    const { db } = terminal.core;
    const outbox = db.prepare('SELECT seq, op_id, op_type FROM outbox ORDER BY seq').all() as {
      seq: number;
      op_id: string;
      op_type: string;
    }[];
    const applied = opsByTerminal.get(terminal.remoteId) ?? new Map<number, ServerOp>();
    const lastSeq = outbox.at(-1)?.seq ?? 0;
    const mark = marks.get(terminal.remoteId) ?? 0;
    if (mark !== lastSeq) {
      note(`${terminal.label}: head office's mark is ${mark}, the outbox ends at ${lastSeq}`);
      if (mark < lastSeq) counts.lost += lastSeq - mark;
      else counts.duplicated += mark - lastSeq;
    }
    for (const row of outbox) {
      const op = applied.get(row.seq);
      if (!op) {
        counts.lost += 1;
        note(`${terminal.label}: seq ${row.seq} (${row.op_type}) never applied`);
      } else if (op.op_id !== row.op_id) {
        counts.lost += 1;
        note(`${terminal.label}: seq ${row.seq} applied as ${op.op_id}, outbox has ${row.op_id}`);
      }
    }
    const outboxSeqs = new Set(outbox.map((r) => r.seq));
    for (const seq of applied.keys()) {
      if (!outboxSeqs.has(seq)) {
        counts.duplicated += 1;
        note(`${terminal.label}: head office holds seq ${seq}, which this terminal never wrote`);
      }
    }
    const sales = db.prepare('SELECT id, number FROM sale').all() as {
      id: string;
      number: string;
    }[];
    terminalSaleCount += sales.length;
    for (const sale of sales) {
      if (!serverSaleIds.has(sale.id)) {
        counts.lost += 1;
        note(`${terminal.label}: sale ${sale.number} is not at head office`);
      }
    }
    const entries = db
      .prepare('SELECT id, member_id, points, kind FROM points_entry')
      .all() as Entry[];
    terminalEntryCount += entries.length;
    const cached = new Map<string, number>();
    for (const entry of entries) {
      add(terminalSums, resolve(entry.member_id), entry.points);
      add(cached, entry.member_id, entry.points);
      const there = serverEntryById.get(entry.id);
      if (!there) {
        counts.lost += 1;
        note(`${terminal.label}: points entry ${entry.id} (${entry.kind}) is not at head office`);
      } else if (there.points !== entry.points || there.member_id !== entry.member_id) {
        counts.balance_mismatches += 1;
        note(`${terminal.label}: points entry ${entry.id} differs at head office`);
      }
    }
    // The terminal's cached balance is its own entries' sum.
    const members = db
      .prepare(
        `SELECT id, card_number, name, phone_e164, email, birthday, marketing_consent,
           merged_into, points_balance FROM member`,
      )
      .all() as TerminalMember[];
    for (const member of members) {
      if (member.points_balance !== (cached.get(member.id) ?? 0)) {
        counts.balance_mismatches += 1;
        note(
          `${terminal.label}: member ${member.card_number} caches ${member.points_balance}, its entries sum to ${cached.get(member.id) ?? 0}`,
        );
      }
    }

    // Converged: nothing pending, and the same members as head office, field by field.
    const status = call(terminal, 'terminal.status', {});
    if (!status.ok || status.value.pendingChanges !== 0) {
      pendingTerminals += 1;
      note(
        `${terminal.label}: ${status.ok ? status.value.pendingChanges : '?'} changes still pending`,
      );
    }
    // Every compensation head office decided reached the terminal that wrote the operation.
    const learned = new Set(
      (db.prepare('SELECT seq FROM sync_compensation').all() as { seq: number }[]).map(
        (r) => r.seq,
      ),
    );
    for (const op of applied.values()) {
      if (op.outcome.compensation && !learned.has(op.seq)) {
        viewMismatches += 1;
        note(
          `${terminal.label}: never learned the ${op.outcome.compensation.kind} compensation of seq ${op.seq}`,
        );
      }
    }

    const local = new Map(members.map((m) => [m.id, m]));
    for (const member of serverMembers) {
      const mine = local.get(member.id);
      local.delete(member.id);
      if (!mine) {
        viewMismatches += 1;
        note(`${terminal.label}: does not know member ${member.card_number}`);
        continue;
      }
      const differs: string[] = [];
      const compare = (field: string, here: unknown, there: unknown) => {
        if (here !== there)
          differs.push(`${field} ${JSON.stringify(here)} (head office ${JSON.stringify(there)})`);
      };
      compare('merged_into', mine.merged_into ?? null, member.merged_into ?? null);
      if (!member.merged_into) {
        compare('card', mine.card_number, member.card_number);
        compare('name', mine.name, member.name);
        compare('phone', mine.phone_e164, member.phone_e164);
        compare('email', mine.email, member.email);
        compare('birthday', mine.birthday, member.birthday);
        compare('consent', mine.marketing_consent === 1, member.marketing_consent);
      }
      if (differs.length > 0) {
        viewMismatches += 1;
        note(`${terminal.label}: member ${member.card_number} has ${differs.join(', ')}`);
      }
      if (member.merged_into) continue;
      const shown = call(terminal, 'member.get', { memberId: member.id });
      const expected = serverBalance.get(member.id) ?? 0;
      if (!shown.ok || shown.value.pointsBalance !== expected) {
        counts.balance_mismatches += 1;
        note(
          `${terminal.label}: member ${member.card_number} shows ${shown.ok ? shown.value.pointsBalance : shown.error.code}, head office has ${expected}`,
        );
      }
    }
    for (const extra of local.values()) {
      viewMismatches += 1;
      note(`${terminal.label}: knows member ${extra.card_number}, head office does not`);
    }
  }

  // Duplicated: head office holds each operation, sale and entry once.
  if (new Set(serverOps.map((o) => o.op_id)).size !== serverOps.length) {
    counts.duplicated += serverOps.length - new Set(serverOps.map((o) => o.op_id)).size;
    note('head office holds one op id more than once');
  }
  const numbers = new Map<string, number>();
  for (const sale of serverSales) add(numbers, `${sale.terminal_id}/${sale.number}`, 1);
  for (const [number, n] of numbers) {
    if (n > 1) {
      counts.duplicated += n - 1;
      note(`head office holds sale ${number} ${n} times`);
    }
  }
  if (serverSales.length > terminalSaleCount) {
    counts.duplicated += serverSales.length - terminalSaleCount;
    note(`head office holds ${serverSales.length} sales, the terminals ${terminalSaleCount}`);
  }
  if (serverEntries.length > terminalEntryCount) {
    counts.duplicated += serverEntries.length - terminalEntryCount;
    note(
      `head office holds ${serverEntries.length} points entries, the terminals ${terminalEntryCount}`,
    );
  }
  const entriesPerOp = new Map<string, number>();
  for (const entry of serverEntries) add(entriesPerOp, entry.op_id, 1);
  // Rejected: exactly the poisoned operations, each kept as a rejected_operation exception and
  // none of their points applied. Any other rejection is an honest operation lost.
  const keptRejections = new Set(
    exceptions.filter((e) => e.kind === 'rejected_operation').map((e) => e.op_id),
  );
  const rejected = serverOps.filter((op) => op.outcome.outcome === 'rejected');
  for (const op of rejected) {
    if (!keptRejections.has(op.op_id)) {
      counts.lost += 1;
      note(`op ${op.op_id} (${op.type}) was rejected but not kept as an exception`);
    }
    if ((entriesPerOp.get(op.op_id) ?? 0) > 0) {
      counts.duplicated += 1;
      note(`rejected op ${op.op_id} (${op.type}) moved points`);
    }
  }
  if (rejected.length !== ops.poisoned) {
    counts.lost += Math.abs(rejected.length - ops.poisoned);
    note(`${ops.poisoned} operations were poisoned, head office rejected ${rejected.length}`);
  }
  for (const op of serverOps) {
    if (op.outcome.outcome === 'rejected') continue;
    const sent = entriesOf(op.payload).length;
    const kept = entriesPerOp.get(op.op_id) ?? 0;
    if (kept > sent) counts.duplicated += kept - sent;
    if (kept < sent) counts.lost += sent - kept;
    if (kept !== sent)
      note(`op ${op.op_id} (${op.type}) sent ${sent} entries, head office kept ${kept}`);
  }
  counts.duplicated += ops.retryDoubled;

  // Balances at head office: each cached balance is its ledger's sum (merges resolved), and
  // equals the sum of every terminal's entries for that member and its merged duplicates.
  const ledgerSums = new Map<string, number>();
  for (const entry of serverEntries) add(ledgerSums, resolve(entry.member_id), entry.points);
  const everyone = new Set([...serverBalance.keys(), ...ledgerSums.keys(), ...terminalSums.keys()]);
  for (const id of everyone) {
    const cached = serverBalance.get(id) ?? 0;
    if (cached !== (ledgerSums.get(id) ?? 0)) {
      counts.balance_mismatches += 1;
      note(`head office caches ${cached} for ${id}, its ledger sums to ${ledgerSums.get(id) ?? 0}`);
    }
    if (cached !== (terminalSums.get(id) ?? 0)) {
      counts.balance_mismatches += 1;
      note(
        `head office has ${cached} for ${id}, the terminals' entries sum to ${terminalSums.get(id) ?? 0}`,
      );
    }
  }

  // Replay head office's work in the order it did it (the network saw every push it applied):
  // each applied exactly once, balances moved as the ledger says, every redeem that took a
  // member below zero raised as an overdraft, and no single-use coupon confirmed twice.
  const opById = new Map(serverOps.map((o) => [o.op_id, o]));
  const overdraftRaised = new Set(
    exceptions.filter((e) => e.kind === 'overdraft').map((e) => `${e.op_id}|${e.member_id}`),
  );
  const couponRaised = new Set(
    exceptions
      .filter((e) => e.kind === 'coupon_double_redeemed' || e.kind === 'coupon_already_redeemed')
      .map((e) => e.op_id),
  );
  const replayed = new Map<string, number>();
  const enrolled = new Set<string>();
  const seenEntries = new Set<string>();
  const activeCoupon = new Map<string, string>();
  const appliedSeen = new Set<string>();
  let overdrafts = 0;
  let expiryBelowZero = 0;
  let unknownMemberEntries = 0;
  for (const applied of world.network.appliedOrder) {
    if (appliedSeen.has(applied.opId)) {
      counts.duplicated += 1;
      note(`head office applied op ${applied.opId} twice`);
      continue;
    }
    appliedSeen.add(applied.opId);
    const op = opById.get(applied.opId);
    if (!op) {
      counts.lost += 1;
      note(`head office said it applied op ${applied.opId}, but does not hold it`);
      continue;
    }
    const payload = op.payload;
    if (op.type === 'member.enrolled' && typeof payload?.id === 'string') {
      const id = payload.id;
      if (mergedInto.has(id) && !enrolled.has(id)) {
        enrolled.add(id);
        const into = mergedInto.get(id);
        if (into) {
          add(replayed, into, replayed.get(id) ?? 0);
          replayed.set(id, 0);
        }
      }
    }
    const moves = new Map<
      string,
      { before: number; after: number; redeemed: number; expired: number; known: boolean }
    >();
    // A rejected operation moved nothing (checked above).
    const applies = op.outcome.outcome !== 'rejected';
    for (const entry of applies ? entriesOf(payload) : []) {
      if (seenEntries.has(entry.id)) continue;
      seenEntries.add(entry.id);
      const known = enrolled.has(entry.member_id);
      if (!known) unknownMemberEntries += 1;
      const member = known ? resolve(entry.member_id) : entry.member_id;
      const balance = replayed.get(member) ?? 0;
      const move = moves.get(member) ?? {
        before: balance,
        after: balance,
        redeemed: 0,
        expired: 0,
        known,
      };
      move.after += entry.points;
      if (entry.kind === 'redeem') move.redeemed -= entry.points;
      if (entry.kind === 'expire') move.expired -= entry.points;
      moves.set(member, move);
      replayed.set(member, move.after);
    }
    for (const [member, move] of moves) {
      // Not counted as an overdraft (nothing was spent), but worth seeing: a till expiring
      // points from its own lots that another till already let the member spend.
      if (move.expired > 0 && move.redeemed === 0 && move.before >= 0 && move.after < 0) {
        expiryBelowZero += 1;
      }
      if (!move.known || move.redeemed <= 0 || move.after >= 0) continue;
      overdrafts += 1;
      if (!overdraftRaised.has(`${op.op_id}|${member}`)) {
        counts.unrecorded_overdrafts += 1;
        note(
          `op ${op.op_id} took member ${member} to ${move.after} by redeeming, with no overdraft raised`,
        );
      }
    }
    const compensatedCoupon =
      couponRaised.has(op.op_id) || op.outcome.compensation?.kind === 'coupon_already_redeemed';
    if (op.type === 'sale.recorded' && !compensatedCoupon) {
      for (const couponId of couponIdsOf(payload)) {
        if (activeCoupon.has(couponId)) {
          counts.coupon_double_confirmed += 1;
          note(
            `coupon ${couponId} confirmed for sale ${String(payload?.saleId)} while already redeemed`,
          );
        } else {
          activeCoupon.set(couponId, String(payload?.saleId));
        }
      }
    }
    if (op.type === 'sale.refunded') {
      for (const couponId of couponIdsOf(payload)) {
        if (activeCoupon.get(couponId) === payload?.saleId) activeCoupon.delete(couponId);
      }
    }
  }
  for (const op of serverOps) {
    if (!appliedSeen.has(op.op_id)) {
      counts.duplicated += 1;
      note(`head office holds op ${op.op_id} but answered every push of it as a repeat`);
    }
  }
  for (const id of new Set([...replayed.keys(), ...serverBalance.keys()])) {
    if ((replayed.get(id) ?? 0) !== (serverBalance.get(id) ?? 0)) {
      counts.balance_mismatches += 1;
      note(
        `replaying the ledger gives ${replayed.get(id) ?? 0} for ${id}, head office has ${serverBalance.get(id) ?? 0}`,
      );
    }
  }

  // Complaints stepped at stores and head office at once: nothing lost or doubled, one fold.
  const complaints = await checkComplaints(world, note);
  counts.complaint_mismatches = complaints.mismatches;

  const cardOf = new Map(serverMembers.map((m) => [m.id, m.card_number]));
  const saleRows = await q<{
    number: string;
    kind: string;
    total_minor: number;
    member_id: string | null;
  }>('SELECT number, kind, total_minor, member_id FROM sale');
  const digest = createHash('sha256')
    .update(
      JSON.stringify({
        members: serverMembers
          .map((m) => [
            m.card_number,
            m.name,
            m.email,
            m.birthday,
            m.marketing_consent,
            m.merged_into ? (cardOf.get(m.merged_into) ?? '?') : null,
            serverBalance.get(m.id) ?? 0,
          ])
          .map((row) => JSON.stringify(row))
          .sort(),
        sales: saleRows
          .map((r) =>
            JSON.stringify([
              r.number,
              r.kind,
              r.total_minor,
              r.member_id ? cardOf.get(r.member_id) : null,
            ]),
          )
          .sort(),
        exceptions: exceptions.map((e) => e.kind).sort(),
      }),
    )
    .digest('hex')
    .slice(0, 16);

  const exceptionCount = (kind: string) => exceptions.filter((e) => e.kind === kind).length;
  let negativeMembers = 0;
  for (const member of serverMembers) {
    if (!member.merged_into && (serverBalance.get(member.id) ?? 0) < 0) negativeMembers += 1;
  }
  return {
    counts,
    rejected: rejected.length,
    complaints: complaints.complaints,
    complaintEvents: complaints.complaintEvents,
    viewMismatches,
    pendingTerminals,
    problems,
    digest,
    facts: {
      server_ops: serverOps.length,
      sales_and_refunds: serverSales.length,
      points_entries: serverEntries.length,
      members: serverMembers.length,
      members_merged: serverMembers.filter((m) => m.merged_into).length,
      members_negative: negativeMembers,
      overdrafts_by_redeem: overdrafts,
      expiry_took_balance_below_zero: expiryBelowZero,
      exceptions_overdraft: exceptionCount('overdraft'),
      exceptions_member_merged: exceptionCount('member_merged'),
      exceptions_unknown_member: exceptionCount('unknown_member'),
      exceptions_duplicate_card_number: exceptionCount('duplicate_card_number'),
      exceptions_coupon_double_redeemed: exceptionCount('coupon_double_redeemed'),
      exceptions_gift_card_overdraft: exceptionCount('gift_card_overdraft'),
      entries_for_unknown_members: unknownMemberEntries,
      complaint_steps_at_terminals: complaints.terminalSteps,
      complaint_steps_at_head_office: complaints.officeSteps,
      complaints_stepped_at_both: complaints.steppedBothSides,
    },
  };
}
