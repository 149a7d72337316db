import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComplaintView } from '../../../shared/api/complaint';
import type { FeedbackFollowUp, MemberVoice } from '../../../shared/api/feedback';
import type { Member, Receipt } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import { complaintRecorded, feedbackRecorded } from '../../../shared/sync/operations';
import { rows } from '../../../test/unit/helpers/loyalty';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';

/**
 * Feedback and complaints on a real terminal core and ledger file: a detractor opens a
 * follow-up, the not-twice rule, a complaint's lifecycle with its events sent to head office,
 * breaches as the clock moves, and goodwill through the points ledger with the manager's PIN.
 */

let now = Date.parse('2026-12-07T02:00:00.000Z');
let core: TestCore;
let amy: Member;
let sale: Receipt;

beforeEach(() => {
  now = Date.parse('2026-12-07T02:00:00.000Z');
  core = openTestCore({ now: () => now });
  amy = unwrap(core.dispatch('member.enroll', { name: 'Amy Chan', phone: '9123 4567' })) as Member;
  sale = sellTo(amy.id);
});
afterEach(() => core.cleanup());

function sellTo(memberId: string | null): Receipt {
  return unwrap(
    core.dispatch('sale.record', {
      saleId: uuidv7(),
      memberId,
      lines: [{ description: 'Milk tea', quantity: 1, unitPriceMinor: 3000 }],
      redeemPoints: 0,
    }),
  ) as Receipt;
}

const sent = <T>(type: string, parse: (x: unknown) => T): T[] =>
  rows<{ payload: string }>(
    core,
    `SELECT payload FROM outbox WHERE op_type = '${type}' ORDER BY seq`,
  ).map((r) => parse(JSON.parse(r.payload)));

describe('feedback', () => {
  it('a 2 of 5 is a detractor: a follow-up due in the program’s 48 hours, sent to head office', () => {
    const { feedbackId } = unwrap(
      core.dispatch('feedback.record', {
        saleId: sale.sale.id,
        scale: 'csat',
        score: 2,
        reasons: ['speed'],
        comment: 'Queue  was long ',
      }),
    ) as { feedbackId: string };
    const followUps = unwrap(core.dispatch('feedback.followUps', {})) as FeedbackFollowUp[];
    expect(followUps).toMatchObject([
      {
        feedbackId,
        memberId: amy.id,
        // The manager sees whom to call back.
        member: { name: 'Amy Chan', phone: '+85291234567' },
        score: 2,
        dueAt: '2026-12-09T02:00:00.000Z',
        overdue: false,
      },
    ]);
    const [op] = sent('feedback.recorded', (x) => feedbackRecorded.parse(x));
    expect(op).toMatchObject({ id: feedbackId, memberId: amy.id, comment: 'Queue  was long' });
    expect(op?.followUpDueAt).toBe('2026-12-09T02:00:00.000Z');

    now += 49 * 3_600_000;
    const later = unwrap(core.dispatch('feedback.followUps', {})) as FeedbackFollowUp[];
    expect(later[0]?.overdue).toBe(true);
    unwrap(core.dispatch('feedback.followUpDone', { feedbackId, note: 'Apologised' }));
    expect(unwrap(core.dispatch('feedback.followUps', {}))).toEqual([]);
    expect(core.dispatch('feedback.followUpDone', { feedbackId, note: 'again' })).toMatchObject({
      ok: false,
      error: { code: 'follow_up_not_found' },
    });
  });

  it('a walk-in detractor still opens a follow-up, with nobody named to call', () => {
    const walkIn = sellTo(null);
    unwrap(
      core.dispatch('feedback.record', {
        saleId: walkIn.sale.id,
        scale: 'csat',
        score: 1,
        reasons: [],
      }),
    );
    const list = unwrap(core.dispatch('feedback.followUps', {})) as FeedbackFollowUp[];
    expect(list).toMatchObject([{ memberId: null, member: null, score: 1 }]);
  });

  it('a promoter opens no follow-up; a sale is answered once; the member is not asked again within 30 days', () => {
    expect(unwrap(core.dispatch('feedback.shouldAsk', { saleId: sale.sale.id }))).toEqual({
      ask: true,
      scale: 'nps',
    });
    unwrap(
      core.dispatch('feedback.record', {
        saleId: sale.sale.id,
        scale: 'nps',
        score: 10,
        reasons: [],
      }),
    );
    expect(unwrap(core.dispatch('feedback.followUps', { includeDone: true }))).toEqual([]);
    expect(
      core.dispatch('feedback.record', {
        saleId: sale.sale.id,
        scale: 'nps',
        score: 9,
        reasons: [],
      }),
    ).toMatchObject({ ok: false, error: { code: 'feedback_already_given' } });
    const next = sellTo(amy.id);
    expect(unwrap(core.dispatch('feedback.shouldAsk', { saleId: next.sale.id }))).toMatchObject({
      ask: false,
    });
    now += 31 * 86_400_000;
    const month = sellTo(amy.id);
    expect(unwrap(core.dispatch('feedback.shouldAsk', { saleId: month.sale.id }))).toMatchObject({
      ask: true,
    });
    const voice = unwrap(core.dispatch('feedback.ofMember', { memberId: amy.id })) as MemberVoice;
    expect(voice.lastScore).toMatchObject({ scale: 'nps', score: 10 });
    expect(voice.openComplaints).toBe(0);
  });

  it('refuses a score outside its scale and a sale it does not have, writing nothing', () => {
    const before = rows(core, 'SELECT count(*) AS n FROM outbox');
    expect(
      core.dispatch('feedback.record', { scale: 'csat', score: 0, reasons: [] }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      core.dispatch('feedback.record', { saleId: uuidv7(), scale: 'nps', score: 5, reasons: [] }),
    ).toMatchObject({ ok: false, error: { code: 'sale_not_found' } });
    expect(rows(core, 'SELECT count(*) AS n FROM outbox')).toEqual(before);
    expect(rows(core, 'SELECT count(*) AS n FROM feedback')).toEqual([{ n: 0 }]);
  });
});

describe('complaints', () => {
  const log = (input: Record<string, unknown> = {}) =>
    unwrap(
      core.dispatch('complaint.log', {
        memberId: amy.id,
        contactName: null,
        contact: null,
        consentToContact: true,
        category: 'service',
        severity: 'high',
        saleIds: [sale.sale.id],
        whatHappened: 'Charged twice',
        customerWants: 'Refund the second charge',
        ...input,
      }),
    ) as ComplaintView;
  const step = (complaintId: string, s: string, note = '') =>
    core.dispatch('complaint.step', { complaintId, step: s, note });

  it('walks its lifecycle, each step an event sent to head office, and flags a missed deadline', () => {
    const c = log();
    expect(c).toMatchObject({ status: 'open', firstResponseDueAt: '2026-12-07T06:00:00.000Z' });
    expect(c.details.ticket).toMatch(/^[2-9A-Y]{4}-[2-9A-Y]{4}$/);
    now += 5 * 3_600_000;
    const late = unwrap(
      core.dispatch('complaint.get', { complaintId: c.complaintId }),
    ) as ComplaintView;
    expect(late).toMatchObject({ breached: true, firstResponseBreached: true });
    const breached = unwrap(
      core.dispatch('complaint.list', {
        status: null,
        memberId: null,
        breachedOnly: true,
        limit: 10,
      }),
    ) as ComplaintView[];
    expect(breached.map((v) => v.complaintId)).toEqual([c.complaintId]);
    unwrap(step(c.complaintId, 'acknowledged', 'Called Amy'));
    expect(step(c.complaintId, 'closed')).toMatchObject({
      ok: false,
      error: { code: 'complaint_step_not_allowed' },
    });
    unwrap(step(c.complaintId, 'started'));
    const resolved = unwrap(step(c.complaintId, 'resolved', 'Refunded')) as ComplaintView;
    expect(resolved.status).toBe('resolved');
    const reopened = unwrap(step(c.complaintId, 'reopened', 'Still charged')) as ComplaintView;
    expect(reopened).toMatchObject({ status: 'open', reopenCount: 1 });
    const events = sent('complaint.recorded', (x) => complaintRecorded.parse(x)).flatMap(
      (p) => p.events,
    );
    expect(events.map((e) => e.kind)).toEqual([
      'opened',
      'acknowledged',
      'started',
      'resolved',
      'reopened',
    ]);
    const voice = unwrap(core.dispatch('feedback.ofMember', { memberId: amy.id })) as MemberVoice;
    expect(voice.openComplaints).toBe(1);
  });

  it('goodwill of 200 points goes through the points ledger with the manager’s PIN and the audit log, and is the complaint’s recovery cost', () => {
    const c = log();
    expect(
      core.dispatch('complaint.goodwill', {
        complaintId: c.complaintId,
        points: 200,
        campaignId: null,
        note: 'Sorry',
        managerPin: '0000',
      }),
    ).toMatchObject({ ok: false });
    expect(rows(core, "SELECT count(*) AS n FROM points_entry WHERE kind = 'adjust'")).toEqual([
      { n: 0 },
    ]);
    const given = unwrap(
      core.dispatch('complaint.goodwill', {
        complaintId: c.complaintId,
        points: 200,
        campaignId: null,
        note: 'Sorry',
        managerPin: MANAGER_PIN,
      }),
    ) as ComplaintView;
    // 200 points at the default 100 points = 5.00: 10.00 of recovery cost.
    expect(given).toMatchObject({ goodwillPoints: 200, goodwillCostMinor: 1000 });
    expect(
      rows(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'points.adjust'"),
    ).toEqual([{ n: 1 }]);
    expect(rows(core, "SELECT reason FROM points_entry WHERE kind = 'adjust'")).toEqual([
      { reason: `Complaint ${c.details.ticket}: Sorry` },
    ]);
  });

  it('a walk-in needs a name; an unknown member is refused; nothing is written', () => {
    const before = rows(core, 'SELECT count(*) AS n FROM complaint_event');
    expect(
      core.dispatch('complaint.log', {
        memberId: null,
        contactName: null,
        contact: null,
        consentToContact: false,
        category: 'wait',
        severity: 'low',
        saleIds: [],
        whatHappened: 'x',
        customerWants: '',
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(
      core.dispatch('complaint.log', {
        memberId: uuidv7(),
        contactName: null,
        contact: null,
        consentToContact: false,
        category: 'wait',
        severity: 'low',
        saleIds: [],
        whatHappened: 'x',
        customerWants: '',
      }),
    ).toMatchObject({ ok: false, error: { code: 'member_not_found' } });
    expect(rows(core, 'SELECT count(*) AS n FROM complaint_event')).toEqual(before);
  });
});
