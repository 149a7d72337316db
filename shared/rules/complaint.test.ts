import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  deadlinesOf,
  defaultComplaintSettings,
  foldComplaint,
  makeTicket,
  normaliseTicket,
  type ComplaintEvent,
  type ComplaintEventKind,
} from './complaint';
import { HybridClock } from '../hlc';
import { CODE_ALPHABET } from './codes';

const COMPLAINT = '01900000-0000-7000-8000-0000000000c1';
const STORE = '01900000-0000-7000-8000-0000000000a1';

let nextId = 0;
function event(
  kind: ComplaintEventKind,
  hlc: string,
  at: string,
  origin: ComplaintEvent['origin'] = 'terminal',
): ComplaintEvent {
  nextId++;
  return {
    id: `01900000-0000-7000-8000-${String(nextId).padStart(12, '0')}`,
    complaintId: COMPLAINT,
    kind,
    at,
    hlc,
    origin,
    storeId: origin === 'terminal' ? STORE : null,
    terminalId: null,
    by: 'someone',
    note: `${kind} note`,
    details:
      kind === 'opened'
        ? {
            ticket: 'K3P7-QX2A',
            memberId: null,
            contactName: 'Walk-in',
            contact: '9000 0000',
            consentToContact: true,
            category: 'service',
            severity: 'high',
            saleIds: [],
            whatHappened: 'Rude at the till',
            customerWants: 'An apology',
          }
        : null,
    assignee: kind === 'assigned' ? 'Area manager' : null,
    goodwill: kind === 'goodwill' ? { points: 200, couponCode: null, costMinor: 1000 } : null,
  };
}

describe('the fold of a complaint', () => {
  it('walks open → acknowledged → in progress → resolved → closed, and reopen brings it back', () => {
    const t = (n: number) => `00000000000${String(1000 + n)}-00000-store`;
    const at = (n: number) => new Date(Date.UTC(2026, 11, 7, 10, n)).toISOString();
    const steps: ComplaintEventKind[] = ['acknowledged', 'started', 'resolved', 'closed'];
    const events = [
      event('opened', t(0), at(0)),
      ...steps.map((k, i) => event(k, t(i + 1), at(i + 1))),
    ];
    const closed = foldComplaint(events);
    expect(closed?.status).toBe('closed');
    expect(closed?.firstResponseAt).toBe(at(1));
    const reopened = foldComplaint([...events, event('reopened', t(9), at(9))]);
    expect(reopened).toMatchObject({ status: 'open', resolvedAt: null, reopenCount: 1 });
  });

  it('waits for its opened event: without it there is no complaint yet', () => {
    expect(foldComplaint([event('acknowledged', '000000000001000-00000-x', 'a')])).toBeNull();
  });

  it('a late acknowledgement never takes a resolved complaint backwards', () => {
    const events = [
      event('opened', '000000000001000-00000-s', '2026-12-07T10:00:00.000Z'),
      event('resolved', '000000000001002-00000-h', '2026-12-07T10:02:00.000Z', 'head_office'),
      event('acknowledged', '000000000001003-00000-s', '2026-12-07T10:03:00.000Z'),
    ];
    expect(foldComplaint(events)?.status).toBe('resolved');
  });

  it('property: store and head office acting concurrently, events delivered in any order and any number of times, fold to one state that keeps every event', () => {
    const storeKinds: ComplaintEventKind[] = [
      'acknowledged',
      'started',
      'responded',
      'escalated',
      'resolved',
      'goodwill',
      'reopened',
      'closed',
    ];
    const officeKinds: ComplaintEventKind[] = [
      'assigned',
      'responded',
      'resolved',
      'reopened',
      'closed',
      'acknowledged',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...storeKinds), { maxLength: 8 }),
        fc.array(fc.constantFrom(...officeKinds), { maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 16, maxLength: 16 }),
        fc.infiniteStream(fc.nat()),
        (storeSteps, officeSteps, gaps, shuffle) => {
          // Two clocks, each seeing the other only now and then (a sync), wall clocks apart.
          let wall = Date.UTC(2026, 11, 7, 10);
          const store = new HybridClock('store', () => wall);
          const office = new HybridClock('office', () => wall - 1500);
          const opened = event('opened', store.tick(), new Date(wall).toISOString());
          const events = [opened];
          const n = Math.max(storeSteps.length, officeSteps.length);
          for (let i = 0; i < n; i++) {
            wall += (gaps[i] ?? 0) * 1000;
            const s = storeSteps[i];
            const o = officeSteps[i];
            if (s) events.push(event(s, store.tick(), new Date(wall).toISOString()));
            if (o)
              events.push(event(o, office.tick(), new Date(wall).toISOString(), 'head_office'));
            if ((gaps[i] ?? 0) === 0) {
              const last = events[events.length - 1];
              if (last) {
                store.observe(last.hlc);
                office.observe(last.hlc);
              }
            }
          }
          const reference = foldComplaint(events);
          const it = shuffle[Symbol.iterator]();
          const shuffled = [...events, ...events.slice(0, 3)]
            .map((e) => ({ e, k: it.next().value as number }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.e);
          const other = foldComplaint(shuffled);
          expect(other).toEqual(reference);
          expect(other?.events.map((e) => e.id).sort()).toEqual(events.map((e) => e.id).sort());
          expect(other?.goodwillPoints).toBe(
            200 * events.filter((e) => e.kind === 'goodwill').length,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('deadlines', () => {
  const opened = '2026-12-07T10:00:00.000Z';
  const state = (firstResponseAt: string | null, resolvedAt: string | null) => ({
    openedAt: opened,
    firstResponseAt,
    resolvedAt,
    details: { severity: 'high' as const } as never,
  });

  it('high severity: first response within 4 hours, resolution within 2 days; breaches flagged', () => {
    const inTime = deadlinesOf(
      state('2026-12-07T13:59:00.000Z', null),
      defaultComplaintSettings,
      Date.parse('2026-12-08T00:00:00.000Z'),
    );
    expect(inTime).toMatchObject({
      firstResponseDueAt: '2026-12-07T14:00:00.000Z',
      resolutionDueAt: '2026-12-09T10:00:00.000Z',
      firstResponseBreached: false,
      resolutionBreached: false,
    });
    const late = deadlinesOf(
      state(null, null),
      defaultComplaintSettings,
      Date.parse('2026-12-09T10:00:01.000Z'),
    );
    expect(late).toMatchObject({ firstResponseBreached: true, resolutionBreached: true });
  });
});

describe('ticket numbers', () => {
  it('are XXXX-XXXX from the codes alphabet and read back through their check character', () => {
    for (let i = 0; i < 200; i++) {
      const ticket = makeTicket();
      expect(ticket).toMatch(/^[2-9A-Y]{4}-[2-9A-Y]{4}$/);
      expect(normaliseTicket(ticket.toLowerCase().replace('-', ' '))).toBe(ticket);
    }
  });

  it('catch every single-character slip', () => {
    const ticket = makeTicket();
    const raw = ticket.replace('-', '');
    for (let at = 0; at < raw.length; at++) {
      for (const c of CODE_ALPHABET) {
        if (c === raw[at]) continue;
        expect(normaliseTicket(raw.slice(0, at) + c + raw.slice(at + 1))).toBeNull();
      }
    }
  });
});
