import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import type { ComplaintEvent, ComplaintEventKind } from '../../shared/rules/complaint';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import { TestClock } from '../testing/terminalScript';
import { appendComplaintEvents } from './complaintLedger';
import { insertFeedback } from './feedbackLedger';

/**
 * The dashboard over the hand-worked 30-response fixture of shared/rules/feedback.test.ts, at
 * head office: the same NPS, split and interval from PostgreSQL's counts; per-cashier figures
 * only from 20 responses; complaint medians, breach rate and recovery cost.
 */
const STORE = '01900000-0000-7000-8000-0000000000a1';
const TERMINAL = '01900000-0000-7000-8000-0000000000b1';
const CARA = '01900000-0000-7000-8000-0000000000c1';
const BEN = '01900000-0000-7000-8000-0000000000c2';

const nps30 = [
  ...[10, 10, 10, 10, 10, 9, 9, 9, 9, 9, 9, 9],
  ...[8, 8, 8, 8, 8, 7, 7, 7, 7, 7],
  ...[6, 6, 5, 5, 4, 3, 1, 0],
];

describe.each(testDatabases)('the voice dashboard on $name', (testDb) => {
  let db: Database;
  let headOffice: HeadOffice;
  const clock = new TestClock(Date.parse('2026-12-07T12:00:00.000Z'));

  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    headOffice = await createHeadOffice(db, { now: clock.now });
  });

  async function answer(staffId: string, scale: 'nps' | 'csat', score: number, reasons: string[]) {
    await db.transaction((tx) =>
      insertFeedback(
        tx,
        {
          id: uuidv7(),
          saleId: null,
          memberId: null,
          scale,
          score,
          reasons: reasons as never,
          comment: '',
          storeId: STORE,
          terminalId: TERMINAL,
          staffId,
          at: '2026-12-05T03:00:00.000Z',
          hlc: '000001764903600000-00000-t',
          followUpDueAt: null,
        },
        null,
        '2026-12-05T03:00:01.000Z',
      ),
    );
  }

  async function complaint(steps: [ComplaintEventKind, number][], severity: 'low' | 'high') {
    const complaintId = uuidv7();
    const opened = Date.parse('2026-12-05T00:00:00.000Z');
    const event = (kind: ComplaintEventKind, hours: number, i: number): ComplaintEvent => ({
      id: uuidv7(),
      complaintId,
      kind,
      at: new Date(opened + hours * 3_600_000).toISOString(),
      hlc: `${String(opened + hours * 3_600_000).padStart(15, '0')}-${String(i).padStart(5, '0')}-t`,
      origin: 'terminal',
      storeId: STORE,
      terminalId: TERMINAL,
      by: CARA,
      note: '',
      details:
        kind === 'opened'
          ? {
              ticket: `T${i}${complaintId.slice(-6)}`,
              memberId: null,
              contactName: 'Walk-in',
              contact: null,
              consentToContact: false,
              category: 'service',
              severity,
              saleIds: [],
              whatHappened: 'x',
              customerWants: '',
            }
          : null,
      assignee: null,
      goodwill: kind === 'goodwill' ? { points: 200, couponCode: null, costMinor: 1000 } : null,
    });
    await db.transaction((tx) =>
      appendComplaintEvents(
        tx,
        [event('opened', 0, 0), ...steps.map(([k, h], i) => event(k, h, i + 1))],
        new Date(clock.now()).toISOString(),
        null,
      ),
    );
  }

  it('NPS 13.33 [−15.49, 42.16] from 12/10/8 of 30; Cara shown at 30 responses, Ben hidden at 5', async () => {
    for (const [i, score] of nps30.entries()) {
      await answer(CARA, 'nps', score, i < 8 ? ['speed'] : i < 10 ? ['staff'] : []);
    }
    for (const score of [5, 4, 4, 2, 1]) await answer(BEN, 'csat', score, ['price']);
    // High severity: 2 h to acknowledge (4 h allowed), resolved at 10 h, 200 points goodwill.
    await complaint(
      [
        ['acknowledged', 2],
        ['goodwill', 9],
        ['resolved', 10],
      ],
      'high',
    );
    // High severity, first answer after 6 h: a missed deadline; resolved at 30 h.
    await complaint(
      [
        ['responded', 6],
        ['resolved', 30],
      ],
      'high',
    );
    const outcome = await headOffice.admin.voiceDashboard({ from: '2026-12-01', to: '2026-12-07' });
    if (!outcome.ok) throw new Error(outcome.error.message);
    const d = outcome.value;
    expect(d.responses).toBe(35);
    expect(d.currency).toBe(d.sales > 0 ? 'HKD' : null);
    expect(d.nps).toMatchObject({ responses: 30, promoters: 12, passives: 10, detractors: 8 });
    expect(d.nps.nps).toBeCloseTo(13.3333, 3);
    expect(d.nps.interval.low).toBeCloseTo(-15.4919, 3);
    expect(d.nps.interval.high).toBeCloseTo(42.1586, 3);
    expect(d.csat).toMatchObject({ responses: 5, satisfied: 3, percent: 60 });
    expect(d.topReasons).toEqual([
      { tag: 'speed', count: 8 },
      { tag: 'price', count: 5 },
      { tag: 'staff', count: 2 },
    ]);
    expect(d.cashiers.find((c) => c.staffId === CARA)).toMatchObject({
      shown: true,
      responses: 30,
    });
    expect(d.cashiers.find((c) => c.staffId === CARA)?.nps).toBeCloseTo(13.3333, 3);
    expect(d.cashiers.find((c) => c.staffId === BEN)).toEqual({
      staffId: BEN,
      responses: 5,
      shown: false,
      nps: null,
      csatPercent: null,
    });
    // Medians of (2, 6) h and (10, 30) h; one of two missed a deadline; 10.00 recovery cost.
    expect(d.complaints).toEqual({
      count: 2,
      perThousandSales: null,
      medianHoursToFirstResponse: 4,
      medianHoursToResolution: 20,
      breachRatePercent: 50,
      goodwillPoints: 200,
      recoveryCostMinor: 1000,
    });
  });

  it('refuses a hostile query', async () => {
    for (const query of [
      {},
      { from: '2026-12-07', to: '2026-12-01' },
      { from: '2026-02-30', to: '2026-03-01' },
      { from: '2026-12-01', to: '2026-12-07', storeId: "1' OR '1'='1" },
    ]) {
      expect((await headOffice.admin.voiceDashboard(query)).ok, JSON.stringify(query)).toBe(false);
    }
  });
});
