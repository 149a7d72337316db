import { z } from 'zod';
import { CODE_ALPHABET, checkCharacter } from './codes';

/**
 * Complaints and service recovery (issue 13 §3). A complaint is a list of append-only events;
 * its status and everything else shown is the fold of those events ordered by hybrid logical
 * clock (ties by id), so a store and head office can act on one at the same time and every node
 * that holds the same events shows the same complaint, whatever order they arrived in.
 */
export const complaintCategories = [
  'service',
  'product',
  'price',
  'loyalty',
  'wait',
  'cleanliness',
  'other',
] as const;
export type ComplaintCategory = (typeof complaintCategories)[number];

export const complaintSeverities = ['low', 'medium', 'high'] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];

export const complaintStatuses = [
  'open',
  'acknowledged',
  'in_progress',
  'resolved',
  'closed',
] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];

/**
 * What an event does. `opened` carries the complaint itself; `escalated` hands it to head
 * office; `responded` is an answer to the customer or the store (head office's answers flow
 * back this way); `assigned` names who handles it; `goodwill` records points or a coupon given.
 */
export const complaintEventKinds = [
  'opened',
  'acknowledged',
  'started',
  'responded',
  'escalated',
  'assigned',
  'resolved',
  'closed',
  'reopened',
  'goodwill',
] as const;
export type ComplaintEventKind = (typeof complaintEventKinds)[number];

/** The step a person can take from the screens (opening and goodwill have their own forms). */
export const complaintSteps = [
  'acknowledged',
  'started',
  'responded',
  'escalated',
  'assigned',
  'resolved',
  'closed',
  'reopened',
] as const;
export type ComplaintStep = (typeof complaintSteps)[number];

export const complaintOrigins = ['terminal', 'head_office'] as const;
export type ComplaintOrigin = (typeof complaintOrigins)[number];

export interface ComplaintDetails {
  ticket: string;
  memberId: string | null;
  /** A walk-in's name and how to reach them; null for a member (their profile has it). */
  contactName: string | null;
  contact: string | null;
  /** The customer agreed to be contacted about this complaint. */
  consentToContact: boolean;
  category: ComplaintCategory;
  severity: ComplaintSeverity;
  saleIds: string[];
  whatHappened: string;
  customerWants: string;
}

export interface ComplaintGoodwill {
  points: number;
  couponCode: string | null;
  /** What it cost, in minor units (points at the program's redemption value, or the coupon's). */
  costMinor: number;
}

export interface ComplaintEvent {
  id: string;
  complaintId: string;
  kind: ComplaintEventKind;
  /** Wall clock, ISO 8601. */
  at: string;
  hlc: string;
  origin: ComplaintOrigin;
  storeId: string | null;
  terminalId: string | null;
  /** Who did it: a staff id at a terminal, a head-office user's id or name at head office. */
  by: string | null;
  note: string;
  /** Only on `opened`. */
  details: ComplaintDetails | null;
  /** Only on `assigned`: who handles it now. */
  assignee: string | null;
  /** Only on `goodwill`. */
  goodwill: ComplaintGoodwill | null;
}

export interface ComplaintDeadline {
  firstResponseHours: number;
  resolutionDays: number;
}

const deadline = z.strictObject({
  firstResponseHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  resolutionDays: z.number().int().min(1).max(365),
});
export const complaintSettingsSchema = z.strictObject({
  deadlines: z.strictObject({ low: deadline, medium: deadline, high: deadline }),
});
export type ComplaintSettings = z.infer<typeof complaintSettingsSchema>;

export const defaultComplaintSettings: ComplaintSettings = {
  deadlines: {
    low: { firstResponseHours: 48, resolutionDays: 14 },
    medium: { firstResponseHours: 24, resolutionDays: 7 },
    high: { firstResponseHours: 4, resolutionDays: 2 },
  },
};

/** The complaint as the events say it is now. */
export interface ComplaintState {
  complaintId: string;
  details: ComplaintDetails;
  storeId: string | null;
  openedAt: string;
  openedBy: string | null;
  status: ComplaintStatus;
  escalated: boolean;
  assignee: string | null;
  /** When someone first acknowledged, started, answered or resolved it. */
  firstResponseAt: string | null;
  /** When it was last resolved (null after a reopen). */
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  goodwillPoints: number;
  /** Service-recovery cost in minor units. */
  goodwillCostMinor: number;
  /** Every event, in clock order: nothing a node did is lost. */
  events: ComplaintEvent[];
}

const rank: Record<ComplaintStatus, number> = {
  open: 0,
  acknowledged: 1,
  in_progress: 2,
  resolved: 3,
  closed: 4,
};

const target: Partial<Record<ComplaintEventKind, ComplaintStatus>> = {
  acknowledged: 'acknowledged',
  started: 'in_progress',
  resolved: 'resolved',
  closed: 'closed',
};

const firstResponseKinds = new Set<ComplaintEventKind>([
  'acknowledged',
  'started',
  'responded',
  'resolved',
]);

export function byClock(a: ComplaintEvent, b: ComplaintEvent): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The fold. A step never moves a complaint backwards: an acknowledgement that reaches a
 * complaint already resolved elsewhere leaves it resolved (status takes the furthest step since
 * the last reopen); only a reopen brings a resolved or closed complaint back to open. Null when
 * the `opened` event has not arrived yet (its events wait, and are kept).
 */
export function foldComplaint(events: readonly ComplaintEvent[]): ComplaintState | null {
  const ordered = [...events].sort(byClock);
  const seen = new Set<string>();
  const unique = ordered.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
  const opened = unique.find((e) => e.kind === 'opened' && e.details);
  if (!opened?.details) return null;
  const state: ComplaintState = {
    complaintId: opened.complaintId,
    details: opened.details,
    storeId: opened.storeId,
    openedAt: opened.at,
    openedBy: opened.by,
    status: 'open',
    escalated: false,
    assignee: null,
    firstResponseAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    goodwillPoints: 0,
    goodwillCostMinor: 0,
    events: unique,
  };
  for (const event of unique) {
    if (firstResponseKinds.has(event.kind) && state.firstResponseAt === null && event !== opened) {
      state.firstResponseAt = event.at;
    }
    const to = target[event.kind];
    if (to && rank[to] > rank[state.status]) {
      state.status = to;
      if (to === 'resolved') state.resolvedAt = event.at;
      if (to === 'closed') {
        state.closedAt = event.at;
        state.resolvedAt ??= event.at;
      }
    }
    switch (event.kind) {
      case 'reopened':
        if (state.status === 'resolved' || state.status === 'closed') {
          state.status = 'open';
          state.resolvedAt = null;
          state.closedAt = null;
          state.reopenCount++;
        }
        break;
      case 'escalated':
        state.escalated = true;
        break;
      case 'assigned':
        state.assignee = event.assignee;
        break;
      case 'goodwill':
        state.goodwillPoints += event.goodwill?.points ?? 0;
        state.goodwillCostMinor += event.goodwill?.costMinor ?? 0;
        break;
      default:
        break;
    }
  }
  return state;
}

export const isOpenStatus = (status: ComplaintStatus): boolean =>
  status !== 'resolved' && status !== 'closed';

/**
 * What a person may do next to a complaint as it stands, at a till or at head office: a step that
 * would change nothing (reopening an open complaint, closing one not yet resolved) is refused.
 * Steps taken at the same time elsewhere still merge by the fold.
 */
export function complaintStepAllowed(
  complaint: Pick<ComplaintState, 'status' | 'escalated'>,
  step: ComplaintStep,
): boolean {
  const open = isOpenStatus(complaint.status);
  switch (step) {
    case 'acknowledged':
      return complaint.status === 'open';
    case 'started':
      return complaint.status === 'open' || complaint.status === 'acknowledged';
    case 'responded':
    case 'assigned':
      return complaint.status !== 'closed';
    case 'escalated':
      return open && !complaint.escalated;
    case 'resolved':
      return open;
    case 'closed':
      return complaint.status === 'resolved';
    case 'reopened':
      return !open;
  }
}

const HOUR_MS = 3_600_000;

export interface ComplaintDeadlines {
  firstResponseDueAt: string;
  resolutionDueAt: string;
  /** No first response by its deadline (or the first came late). */
  firstResponseBreached: boolean;
  /** Not resolved by its deadline (or resolved late). */
  resolutionBreached: boolean;
}

export function deadlinesOf(
  state: Pick<ComplaintState, 'openedAt' | 'firstResponseAt' | 'resolvedAt' | 'details'>,
  settings: ComplaintSettings,
  now: number,
): ComplaintDeadlines {
  const d = settings.deadlines[state.details.severity];
  const opened = Date.parse(state.openedAt);
  const firstDue = opened + d.firstResponseHours * HOUR_MS;
  const resolveDue = opened + d.resolutionDays * 24 * HOUR_MS;
  const firstAt = state.firstResponseAt ? Date.parse(state.firstResponseAt) : now;
  const resolvedAt = state.resolvedAt ? Date.parse(state.resolvedAt) : now;
  return {
    firstResponseDueAt: new Date(firstDue).toISOString(),
    resolutionDueAt: new Date(resolveDue).toISOString(),
    firstResponseBreached: firstAt > firstDue,
    resolutionBreached: resolvedAt > resolveDue,
  };
}

/**
 * Ticket numbers: 7 random characters of the codes' alphabet and the codes' check character,
 * shown as XXXX-XXXX. Short enough to read over the phone; the check catches a typo.
 */
const TICKET_RANDOM = 7;

export function makeTicket(random: (n: number) => Uint8Array = randomBytes): string {
  const radix = CODE_ALPHABET.length;
  const limit = 256 - (256 % radix);
  let body = '';
  while (body.length < TICKET_RANDOM) {
    for (const byte of random(TICKET_RANDOM)) {
      if (byte < limit && body.length < TICKET_RANDOM) body += CODE_ALPHABET[byte % radix];
    }
  }
  const raw = body + checkCharacter(body);
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

function randomBytes(n: number): Uint8Array {
  const bytes = new Uint8Array(n);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

/** The canonical ticket for what was typed, or null when the check character fails. */
export function normaliseTicket(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  if (raw.length !== TICKET_RANDOM + 1) return null;
  for (const char of raw) if (!CODE_ALPHABET.includes(char)) return null;
  if (checkCharacter(raw.slice(0, -1)) !== raw.slice(-1)) return null;
  return `${raw.slice(0, 4)}-${raw.slice(4)}`;
}

/**
 * An event's values in the column order both ledgers store them (id, complaint_id, kind, at, hlc,
 * origin, store_id, terminal_id, by, note, details, assignee, goodwill), details and goodwill as
 * JSON text: the terminal's and head office's inserts spread it and add their own columns.
 */
export function complaintEventValues(e: ComplaintEvent) {
  return [
    e.id,
    e.complaintId,
    e.kind,
    e.at,
    e.hlc,
    e.origin,
    e.storeId,
    e.terminalId,
    e.by,
    e.note,
    e.details ? JSON.stringify(e.details) : null,
    e.assignee,
    e.goodwill ? JSON.stringify(e.goodwill) : null,
  ] as const;
}
