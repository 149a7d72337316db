import { eventsOf } from '../../electron/core/complaints/complaintStore';
import { complaintEventsOf } from '../../server/voice/complaintLedger';
import { foldComplaint, type ComplaintEvent } from '../../shared/rules/complaint';
import { call, storeOf, type World } from './world';

/**
 * Complaints edited at once by stores and head office (issue 13 §3): once everyone has synced,
 * every event written anywhere is at head office and at each till of the store that owns the
 * complaint exactly once, and all of them fold it to what the shared fold makes of the union.
 */

export interface ComplaintCheck {
  complaints: number;
  complaintEvents: number;
  /** Events missing or doubled somewhere, and folds that differ from the union's. */
  mismatches: number;
  /** Steps (anything but the opening) taken at terminals and at head office. */
  terminalSteps: number;
  officeSteps: number;
  /** Complaints stepped at a till and at head office both. */
  steppedBothSides: number;
  problems: string[];
}

export async function checkComplaints(
  world: World,
  note: (what: string) => void,
): Promise<ComplaintCheck> {
  let mismatches = 0;
  const problems: string[] = [];
  const mismatch = (what: string) => {
    mismatches += 1;
    problems.push(what);
    note(what);
  };
  // The union of every event written anywhere, by complaint.
  const union = new Map<string, Map<string, ComplaintEvent>>();
  const addTo = (events: readonly ComplaintEvent[]) => {
    for (const e of events) {
      const of = union.get(e.complaintId) ?? new Map<string, ComplaintEvent>();
      if (!of.has(e.id)) of.set(e.id, e);
      union.set(e.complaintId, of);
    }
  };
  const { rows } = await world.headOffice.db.query<{ complaint_id: string }>(
    'SELECT DISTINCT complaint_id FROM complaint_event',
  );
  const atOffice = new Map<string, ComplaintEvent[]>();
  for (const { complaint_id: id } of rows) {
    const events = await complaintEventsOf(world.headOffice.db, id);
    atOffice.set(id, events);
    addTo(events);
  }
  const atTill = world.terminals.map((terminal) => {
    const { db } = terminal.core;
    const ids = db.prepare('SELECT DISTINCT complaint_id FROM complaint_event').all() as {
      complaint_id: string;
    }[];
    const held = new Map(ids.map((r) => [r.complaint_id, eventsOf(db, r.complaint_id)]));
    for (const events of held.values()) addTo(events);
    return held;
  });
  const officeStatus = new Map(
    (
      await world.headOffice.db.query<{ id: string; status: string }>(
        'SELECT id, status FROM complaint',
      )
    ).rows.map((r) => [r.id, r.status]),
  );
  const owners = new Map(world.complaints.map((c) => [c.id, c.terminal]));

  /** Each event of the union once in `events`, and nothing else. */
  const sameEvents = (where: string, events: readonly ComplaintEvent[], all: Set<string>) => {
    const ids = events.map((e) => e.id);
    const seen = new Set(ids);
    if (seen.size !== ids.length) mismatch(`${where} holds an event more than once`);
    for (const id of all) if (!seen.has(id)) mismatch(`${where} is missing event ${id}`);
  };

  let complaintEvents = 0;
  let terminalSteps = 0;
  let officeSteps = 0;
  let steppedBothSides = 0;
  for (const [complaintId, byId] of union) {
    const events = [...byId.values()];
    complaintEvents += events.length;
    const steps = events.filter((e) => e.kind !== 'opened');
    const byOffice = steps.filter((e) => e.origin === 'head_office').length;
    officeSteps += byOffice;
    terminalSteps += steps.length - byOffice;
    if (byOffice > 0 && byOffice < steps.length) steppedBothSides += 1;
    const all = new Set(byId.keys());
    const expected = foldComplaint(events)?.status ?? 'no opening';
    const owner = owners.get(complaintId);
    if (owner === undefined) {
      mismatch(`complaint ${complaintId} was never logged by a cashier`);
      continue;
    }
    const office = atOffice.get(complaintId) ?? [];
    sameEvents(`head office, complaint ${complaintId}`, office, all);
    const folded = foldComplaint(office)?.status ?? 'no opening';
    const row = officeStatus.get(complaintId) ?? 'no row';
    if (folded !== expected || row !== expected) {
      mismatch(
        `complaint ${complaintId}: head office folds ${folded} and shows ${row}, the union folds ${expected}`,
      );
    }
    // Data minimisation: another store's tills never hold it.
    for (const terminal of world.terminals.filter((t) => storeOf(t.index) !== storeOf(owner))) {
      const held = atTill[terminal.index]?.get(complaintId) ?? [];
      if (held.length > 0)
        mismatch(`${terminal.label} holds another store's complaint ${complaintId}`);
    }
    for (const terminal of world.terminals.filter((t) => storeOf(t.index) === storeOf(owner))) {
      const where = `${terminal.label}, complaint ${complaintId}`;
      sameEvents(where, atTill[terminal.index]?.get(complaintId) ?? [], all);
      const shown = call(terminal, 'complaint.get', { complaintId });
      const status = shown.ok ? shown.value.status : shown.error.code;
      if (status !== expected) mismatch(`${where}: shows ${status}, the union folds ${expected}`);
    }
  }
  return {
    complaints: union.size,
    complaintEvents,
    mismatches,
    terminalSteps,
    officeSteps,
    steppedBothSides,
    problems,
  };
}
