import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { serviceRecoveryOutcome } from '../../shared/figures/serviceRecovery';
import {
  recoveryComplaints,
  recoveryMembers,
  recoverySales,
} from '../../shared/figures/serviceRecovery.fixture';
import type { ComplaintEvent, ComplaintEventKind } from '../../shared/rules/complaint';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import { TestClock } from '../testing/terminalScript';
import { appendComplaintEvents } from './complaintLedger';
import { insertFeedback } from './feedbackLedger';
import { voiceDashboardCsv } from './dashboardExport';
import { voiceDashboardPdf } from './dashboardPdf';

/**
 * Head office's service recovery outcome over the hand-worked fixture of
 * shared/figures/serviceRecovery.fixture.ts, written as complaint events and sales in
 * PostgreSQL; the dashboard's cashier and category filters; the trend; the CSV and PDF.
 */
const STORE = '01900000-0000-7000-8000-0000000000a1';
const OTHER_STORE = '01900000-0000-7000-8000-0000000000a2';
const TERMINAL = '01900000-0000-7000-8000-0000000000b1';
const CARA = '01900000-0000-7000-8000-0000000000c1';
const BEN = '01900000-0000-7000-8000-0000000000c2';

describe.each(testDatabases)('service recovery and the dashboard filters on $name', (testDb) => {
  let db: Database;
  let headOffice: HeadOffice;
  const clock = new TestClock(Date.parse('2027-02-01T12:00:00.000Z'));

  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    headOffice = await createHeadOffice(db, { now: clock.now });
    await db.query(
      `INSERT INTO store (id, name, created_at) VALUES ($1, 'A', now()), ($2, 'B', now())`,
      [STORE, OTHER_STORE],
    );
    await db.query(
      `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version, enrolled_at)
       VALUES ($1, $2, 'Till 1', 10001, 'hash', 'test', now())`,
      [TERMINAL, STORE],
    );
  }, 60_000);

  async function sale(memberId: string | null, at: string, kind: 'sale' | 'refund' = 'sale') {
    const id = uuidv7();
    await db.query(
      `INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
         points_redeemed, points_earned, lines, offline, store_id, terminal_id, staff_id, op_id,
         created_at, recorded_at)
       VALUES ($1, $2, $3, 'N', $4, 'HKD', 1000, 0, 0, '[]'::jsonb, false, $5, $6, $7, $1, $8, now())`,
      [id, kind, kind === 'refund' ? id : null, memberId, STORE, TERMINAL, CARA, at],
    );
  }

  let hlcSeq = 0;
  async function complaint(o: {
    memberId: string | null;
    openedAt: string;
    steps: [ComplaintEventKind, string][];
    category?: 'service' | 'price';
    by?: string;
  }) {
    const complaintId = uuidv7();
    const event = (kind: ComplaintEventKind, at: string): ComplaintEvent => ({
      id: uuidv7(),
      complaintId,
      kind,
      at,
      hlc: `${String(Date.parse(at)).padStart(15, '0')}-${String(hlcSeq++).padStart(5, '0')}-t`,
      origin: 'terminal',
      storeId: STORE,
      terminalId: TERMINAL,
      by: o.by ?? CARA,
      note: '',
      details:
        kind === 'opened'
          ? {
              ticket: `T${complaintId.slice(-6)}`,
              memberId: o.memberId,
              contactName: o.memberId ? null : 'Walk-in',
              contact: null,
              consentToContact: false,
              category: o.category ?? 'service',
              severity: 'low',
              saleIds: [],
              whatHappened: 'x',
              customerWants: '',
            }
          : null,
      assignee: null,
      goodwill: null,
    });
    await db.transaction((tx) =>
      appendComplaintEvents(
        tx,
        [event('opened', o.openedAt), ...o.steps.map(([k, at]) => event(k, at))],
        new Date(clock.now()).toISOString(),
        null,
      ),
    );
  }

  async function seedFixture() {
    for (const c of recoveryComplaints) {
      const steps: [ComplaintEventKind, string][] = [];
      if (c.resolvedAt) steps.push(['resolved', c.resolvedAt]);
      if (c.status === 'closed') steps.push(['closed', c.resolvedAt ?? c.openedAt]);
      // D was resolved, then reopened: no resolution stands.
      if (c.memberId === recoveryMembers.D) {
        steps.push(
          ['resolved', '2026-10-16T00:00:00.000Z'],
          ['reopened', '2026-10-17T00:00:00.000Z'],
        );
      }
      await complaint({ memberId: c.memberId, openedAt: c.openedAt, steps });
    }
    for (const s of recoverySales) await sale(s.memberId, s.at);
    // A refund is not a repurchase, and a walk-in's sale is nobody's.
    await sale(recoveryMembers.G, '2026-11-02T05:00:00.000Z', 'refund');
    await sale(null, '2026-10-10T05:00:00.000Z');
  }

  async function dashboard(query: Record<string, string>) {
    const outcome = await headOffice.admin.voiceDashboard(query);
    if (!outcome.ok) throw new Error(outcome.error.message);
    return outcome.value;
  }

  it('October 2026: resolved 2 of 3 (66.67 %), not resolved 1 of 3 (33.33 %), no complaint 1 of 2 (50 %), as the shared figure says', async () => {
    await seedFixture();
    const d = await dashboard({ from: '2026-10-01', to: '2026-10-31' });
    expect(d.recovery.map((g) => [g.group, g.members, g.repurchased])).toEqual([
      ['resolved', 3, 2],
      ['unresolved', 3, 1],
      ['noComplaint', 2, 1],
    ]);
    expect(d.recovery[0]?.ratePercent).toBeCloseTo(66.6667, 3);
    expect(d.recovery[1]?.ratePercent).toBeCloseTo(33.3333, 3);
    expect(d.recovery[2]?.ratePercent).toBe(50);
    expect(d.recovery).toEqual(
      serviceRecoveryOutcome({
        from: '2026-10-01',
        to: '2026-10-31',
        complaints: recoveryComplaints,
        sales: recoverySales,
      }),
    );
    // Another store's complaints and buyers: none of these.
    const other = await dashboard({ from: '2026-10-01', to: '2026-10-31', storeId: OTHER_STORE });
    expect(other.recovery.map((g) => g.members)).toEqual([0, 0, 0]);
  });

  it('narrows by cashier (answers, sales, complaints they logged) and by category (complaints)', async () => {
    await complaint({ memberId: null, openedAt: '2026-10-05T00:00:00.000Z', steps: [] });
    await complaint({
      memberId: null,
      openedAt: '2026-10-06T00:00:00.000Z',
      steps: [],
      category: 'price',
      by: BEN,
    });
    await sale(null, '2026-10-05T01:00:00.000Z');
    for (const [staffId, score] of [
      [CARA, 10],
      [CARA, 9],
      [BEN, 2],
    ] as const) {
      await db.transaction((tx) =>
        insertFeedback(
          tx,
          {
            id: uuidv7(),
            saleId: null,
            memberId: null,
            scale: 'nps',
            score,
            reasons: [],
            comment: '',
            storeId: STORE,
            terminalId: TERMINAL,
            staffId,
            at: '2026-10-07T03:00:00.000Z',
            hlc: '000001791000000000-00000-t',
            followUpDueAt: null,
          },
          null,
          '2026-10-07T03:00:01.000Z',
        ),
      );
    }
    const all = await dashboard({ from: '2026-10-01', to: '2026-10-31' });
    expect([all.responses, all.sales, all.complaints.count]).toEqual([3, 1, 2]);
    const cara = await dashboard({ from: '2026-10-01', to: '2026-10-31', staffId: CARA });
    expect([cara.responses, cara.nps.nps, cara.sales, cara.complaints.count]).toEqual([
      2, 100, 1, 1,
    ]);
    const ben = await dashboard({ from: '2026-10-01', to: '2026-10-31', staffId: BEN });
    expect([ben.responses, ben.nps.nps, ben.sales, ben.complaints.count]).toEqual([1, -100, 0, 1]);
    const price = await dashboard({ from: '2026-10-01', to: '2026-10-31', category: 'price' });
    expect([price.responses, price.complaints.count]).toEqual([3, 1]);
  });

  it('the trend: NPS and CSAT per week (from Monday) and per month', async () => {
    const answers: [string, 'nps' | 'csat', number][] = [
      ['2026-10-05T03:00:00.000Z', 'nps', 10], // week of Mon 10-05
      ['2026-10-07T03:00:00.000Z', 'nps', 3],
      ['2026-10-11T23:00:00.000Z', 'csat', 5], // Sunday: still that week
      ['2026-10-12T01:00:00.000Z', 'csat', 2], // week of Mon 10-12
      ['2026-11-02T01:00:00.000Z', 'nps', 9], // November
    ];
    for (const [at, scale, score] of answers) {
      await db.transaction((tx) =>
        insertFeedback(
          tx,
          {
            id: uuidv7(),
            saleId: null,
            memberId: null,
            scale,
            score,
            reasons: [],
            comment: '',
            storeId: STORE,
            terminalId: TERMINAL,
            staffId: CARA,
            at,
            hlc: `${String(Date.parse(at)).padStart(15, '0')}-00000-t`,
            followUpDueAt: null,
          },
          null,
          at,
        ),
      );
    }
    const weekly = await headOffice.admin.voiceTrend({ from: '2026-10-01', to: '2026-11-30' });
    if (!weekly.ok) throw new Error(weekly.error.message);
    expect(weekly.value).toEqual({
      bucket: 'week',
      points: [
        { start: '2026-10-05', npsResponses: 2, nps: 0, csatResponses: 1, csatPercent: 100 },
        { start: '2026-10-12', npsResponses: 0, nps: null, csatResponses: 1, csatPercent: 0 },
        { start: '2026-11-02', npsResponses: 1, nps: 100, csatResponses: 0, csatPercent: null },
      ],
    });
    const monthly = await headOffice.admin.voiceTrend({
      from: '2026-10-01',
      to: '2026-11-30',
      bucket: 'month',
    });
    if (!monthly.ok) throw new Error(monthly.error.message);
    expect(monthly.value.points.map((p) => [p.start, p.npsResponses, p.csatResponses])).toEqual([
      ['2026-10-01', 2, 2],
      ['2026-11-01', 1, 0],
    ]);
  });

  // The PDF reads the CJK font (tens of megabytes) the first time.
  it(
    'CSV: one row per figure, reasons, recovery groups; PDF: a PDF',
    { timeout: 60_000 },
    async () => {
      await seedFixture();
      const d = await dashboard({ from: '2026-10-01', to: '2026-10-31' });
      const csv = voiceDashboardCsv(d);
      const lines = csv.trimEnd().split('\r\n');
      expect(lines[0]).toBe('section,name,value');
      expect(lines).toContain('period,from,2026-10-01');
      expect(lines).toContain('figure,complaints,7');
      expect(lines).toContain('figure,nps,');
      expect(lines).toContain('recovery,resolved.members,3');
      expect(lines).toContain('recovery,resolved.ratePercent,66.67');
      expect(lines).toContain('recovery,noComplaint.repurchased,1');
      for (const lang of ['en', 'zh-Hant'] as const) {
        const pdf = await voiceDashboardPdf(d, lang);
        expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }
    },
  );

  it('refuses hostile queries and changes nothing', async () => {
    for (const query of [
      { from: '2026-10-01', to: '2026-10-31', staffId: "'; DROP TABLE sale; --" },
      { from: '2026-10-01', to: '2026-10-31', category: 'rudeness' },
      { from: '2026-10-01', to: '2026-10-31', format: 'xlsx' },
      { from: '2026-10-01', to: '2026-10-31', lang: 'fr' },
      { from: '2020-01-01', to: '2026-10-31' },
      { from: '2026-10-01', to: '2026-10-31', bucket: 'day' },
      { from: '2026-10-31', to: '2026-10-01' },
      null,
      'from=2026-10-01',
    ]) {
      const label = JSON.stringify(query);
      if (query === null || typeof query === 'string' || !('bucket' in query)) {
        expect((await headOffice.admin.voiceDashboard(query)).ok, label).toBe(false);
      }
      if (query === null || typeof query === 'string' || !('format' in query || 'lang' in query)) {
        expect((await headOffice.admin.voiceTrend(query)).ok, label).toBe(false);
      }
    }
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM sale');
    expect(rows[0]?.n).toBe(0);
  });
});
