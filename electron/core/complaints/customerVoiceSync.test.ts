import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintView } from '../../../shared/api/complaint';
import type { Member, Receipt } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import type { Database } from '../../../server/db/database';
import { createHeadOffice, type HeadOffice } from '../../../server/headOffice';
import { buildServer } from '../../../server/http/server';
import { testDatabases } from '../../../server/testing/databases';
import { hkSetup, MANAGER_PIN, openBlankCore, unwrap } from '../../../test/unit/helpers/terminal';
import { enrollTerminal } from '../sync/enrollTerminal';
import { SyncWorker } from '../sync/syncWorker';
import { httpTransport } from '../sync/transport';

/**
 * The round trip: a real terminal core on its SQLite file and head office on PGlite behind the
 * real HTTP server on loopback. Feedback and a complaint with goodwill reach head office (the
 * complaint folded there, with its recovery cost); head office answers and resolves; the store's
 * terminal pulls the answer and shows the complaint resolved, with every event of both sides.
 */

let db: Database;
let headOffice: HeadOffice;
let close: () => Promise<void>;
let core: ReturnType<typeof openBlankCore>;
let worker: SyncWorker;

beforeAll(async () => {
  db = await (testDatabases[0] as (typeof testDatabases)[number]).open();
  headOffice = await createHeadOffice(db);
  const app = await buildServer(headOffice, { rateLimit: { max: 100_000, timeWindowMs: 1_000 } });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  close = async () => {
    await app.close();
    await headOffice.close();
  };
  const store = await headOffice.admin.createStore('test', { name: 'Central' });
  if (!store.ok) throw new Error(store.error.message);
  const code = await headOffice.admin.createEnrollmentCode('test', store.value.id, {});
  if (!code.ok) throw new Error(code.error.message);
  core = openBlankCore();
  unwrap(core.dispatch('terminal.setup', hkSetup));
  await enrollTerminal(core.ctx, httpTransport(url), core.credentials, {
    serverUrl: url,
    code: code.value.code,
  });
  worker = new SyncWorker(core.ctx, {
    transport: httpTransport(url),
    credentials: core.credentials,
  });
}, 120_000);

afterAll(async () => {
  core.cleanup();
  await close();
});

describe('feedback and complaints travel to head office and back', () => {
  it('head office holds the answer and the folded complaint; its resolution reaches the store', async () => {
    unwrap(core.dispatch('shift.open', { floatMinor: 0 }));
    const amy = unwrap(
      core.dispatch('member.enroll', { name: 'Amy Chan', phone: '9123 4567' }),
    ) as Member;
    const sale = unwrap(
      core.dispatch('sale.record', {
        saleId: uuidv7(),
        memberId: amy.id,
        lines: [{ description: 'Milk tea', quantity: 1, unitPriceMinor: 3000 }],
        redeemPoints: 0,
      }),
    ) as Receipt;
    const { feedbackId } = unwrap(
      core.dispatch('feedback.record', {
        saleId: sale.sale.id,
        scale: 'csat',
        score: 2,
        reasons: ['staff'],
        comment: '態度差',
      }),
    ) as { feedbackId: string };
    const complaint = unwrap(
      core.dispatch('complaint.log', {
        memberId: amy.id,
        contactName: null,
        contact: null,
        consentToContact: true,
        category: 'service',
        severity: 'medium',
        saleIds: [sale.sale.id],
        whatHappened: '店員態度差',
        customerWants: 'An apology',
      }),
    ) as ComplaintView;
    unwrap(
      core.dispatch('complaint.step', {
        complaintId: complaint.complaintId,
        step: 'escalated',
        note: 'Needs the area manager',
      }),
    );
    unwrap(
      core.dispatch('complaint.goodwill', {
        complaintId: complaint.complaintId,
        points: 200,
        campaignId: null,
        note: '',
        managerPin: MANAGER_PIN,
      }),
    );
    expect(await worker.runOnce()).toBe('synced');

    const { rows: feedback } = await db.query<{ id: string; score: number; member_id: string }>(
      'SELECT id, score, member_id FROM feedback',
    );
    expect(feedback).toEqual([{ id: feedbackId, score: 2, member_id: amy.id }]);
    const { rows: queue } = await db.query<{
      status: string;
      escalated: boolean;
      goodwill_points: number;
      goodwill_cost_minor: number;
    }>(
      'SELECT status, escalated, goodwill_points, goodwill_cost_minor::integer AS goodwill_cost_minor FROM complaint',
    );
    expect(queue).toEqual([
      { status: 'open', escalated: true, goodwill_points: 200, goodwill_cost_minor: 1000 },
    ]);

    // The queue finds it by store, status, breach and a Chinese fragment of its text.
    const listed = async (query: Record<string, unknown>) => {
      const outcome = await headOffice.admin.listComplaints(query);
      if (!outcome.ok) throw new Error(outcome.error.message);
      return outcome.value.complaints.map((c) => c.ticket);
    };
    const ticket = complaint.details.ticket;
    expect(await listed({})).toEqual([ticket]);
    expect(await listed({ status: 'unresolved', severity: 'medium', category: 'service' })).toEqual(
      [ticket],
    );
    expect(await listed({ q: '態度' })).toEqual([ticket]);
    expect(await listed({ q: '準時' })).toEqual([]);
    expect(await listed({ breached: 'true' })).toEqual([]);
    expect(await listed({ status: 'closed' })).toEqual([]);

    // Hostile input: refused, nothing written.
    for (const [id, body] of [
      ['not-an-id', { step: 'resolved', note: '' }],
      [complaint.complaintId, { step: 'opened', note: '' }],
      [complaint.complaintId, { step: 'assigned', note: '' }],
      [complaint.complaintId, { step: 'resolved', note: 'a\u0000b' }],
      [complaint.complaintId, { step: 'resolved', note: 'x'.repeat(1001) }],
      [complaint.complaintId, { step: 'resolved', note: '', extra: 1 }],
      [uuidv7(), { step: 'resolved', note: '' }],
    ] as const) {
      const refused = await headOffice.admin.stepComplaint('admin', id, body);
      expect(refused.ok, JSON.stringify(body)).toBe(false);
    }
    expect((await headOffice.admin.listComplaints({ limit: 0 })).ok).toBe(false);
    expect((await headOffice.admin.listComplaints({ status: 'lost' })).ok).toBe(false);
    const { rows: count } = await db.query<{ n: number }>(
      'SELECT count(*)::integer AS n FROM complaint_event',
    );
    expect(count).toEqual([{ n: 3 }]);

    // Head office assigns, answers and resolves.
    for (const body of [
      { step: 'assigned', note: '', assignee: 'Area manager' },
      { step: 'responded', note: 'Spoke to the customer' },
      { step: 'resolved', note: 'Apology accepted' },
    ]) {
      const done = await headOffice.admin.stepComplaint(
        'area manager',
        complaint.complaintId,
        body,
      );
      expect(done.ok).toBe(true);
    }
    expect(await worker.runOnce()).toBe('synced');

    const back = unwrap(
      core.dispatch('complaint.get', { complaintId: complaint.complaintId }),
    ) as ComplaintView;
    expect(back.status).toBe('resolved');
    expect(back.events.map((e) => `${e.origin}:${e.kind}`)).toEqual([
      'terminal:opened',
      'terminal:escalated',
      'terminal:goodwill',
      'head_office:assigned',
      'head_office:responded',
      'head_office:resolved',
    ]);
    // Pulled again (the store's own events come back on the stream too): nothing doubles.
    expect(await worker.runOnce()).toBe('synced');
    const again = unwrap(
      core.dispatch('complaint.get', { complaintId: complaint.complaintId }),
    ) as ComplaintView;
    expect(again.events).toHaveLength(6);
    expect(again.assignee).toBe('Area manager');
    const { rows: office2 } = await db.query<{ status: string }>('SELECT status FROM complaint');
    expect(office2).toEqual([{ status: 'resolved' }]);
  }, 60_000);
});
