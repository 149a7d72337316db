import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../../shared/reports/report';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
  closeTemplateShift,
} from '../../../test/unit/helpers/terminal';
import {
  expectRefusal,
  goods,
  hongKong,
  makeClock,
  rows,
  sell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';

/**
 * A business day closed before it ends: the manager has to say so ("close early"), and the sales
 * rung up after the close belong to the next business day's Z, which starts at the close. Every
 * sale is in exactly one Z, and the early Z's reprint says when it closed and how many came after.
 * Hong Kong, midnight boundary: business day 2030-06-14 is [06-13 16:00Z, 06-14 16:00Z).
 */

const hk = hongKong;

let core: TestCore;
let clock: TestClock;
const at = (local: string) => clock.set(hk(local));

beforeEach(() => {
  clock = makeClock(hk('2030-06-14 09:00'));
  core = openTestCore({ now: clock.now });
  // The template's shift was opened on the wall clock; trade in one opened on the test clock.
  closeTemplateShift(core);
  unwrap(core.dispatch('shift.open', { floatMinor: 0 }));
});
afterEach(() => core.cleanup());

const z = (businessDay: string) =>
  unwrap(core.dispatch('report.z', { businessDay, managerPin: MANAGER_PIN })) as Report;
const closeDay = (businessDay: string, closeEarly?: boolean) =>
  unwrap(
    core.dispatch('report.closeDay', {
      businessDay,
      managerPin: MANAGER_PIN,
      ...(closeEarly === undefined ? {} : { closeEarly }),
    }),
  ) as Report;

describe('closing a business day before it ends', () => {
  it('is refused unless the manager says "close early"; nothing is written', () => {
    at('2030-06-14 10:00');
    sell(core, { lines: [goods(1000)] });
    at('2030-06-14 22:30');
    const error = expectRefusal(
      core,
      'report.closeDay',
      { businessDay: '2030-06-14', managerPin: MANAGER_PIN },
      'report_day_not_over',
    );
    expect(error).toMatchObject({
      field: 'closeEarly',
      details: { endsAt: '2030-06-14T16:00:00.000Z' },
    });
    expectRefusal(
      core,
      'report.closeDay',
      { businessDay: '2030-06-14', managerPin: MANAGER_PIN, closeEarly: false },
      'report_day_not_over',
    );
  });

  it('closed early: later sales go to the next day’s Z, and the reprint counts them', () => {
    at('2030-06-14 10:00');
    sell(core, { lines: [goods(1000)] });
    at('2030-06-14 22:30');
    const closed = closeDay('2030-06-14', true);
    expect(closed.to).toBe(new Date(clock.now() + 1).toISOString());
    expect(closed.closed).toMatchObject({
      number: 1,
      early: { dayEndsAt: '2030-06-14T16:00:00.000Z', afterClose: 0 },
    });
    expect(closed.totals.sales).toEqual({ count: 1, amountMinor: 1000 });
    const audit = rows<{ after: string }>(
      core,
      "SELECT after FROM audit_log WHERE action = 'z_report.close'",
    );
    expect(JSON.parse(audit[0]?.after ?? '{}')).toMatchObject({ number: 1, closedEarly: true });

    // Two more before midnight, one the next day.
    at('2030-06-14 23:00');
    sell(core, { lines: [goods(200)] });
    at('2030-06-14 23:59');
    sell(core, { lines: [goods(300)] });
    // The X report after the close shows what the next Z will count.
    expect(
      (unwrap(core.dispatch('report.x', { managerPin: MANAGER_PIN })) as Report).totals.sales,
    ).toEqual({
      count: 2,
      amountMinor: 500,
    });
    at('2030-06-15 09:00');
    sell(core, { lines: [goods(4000)] });

    const reprint = z('2030-06-14');
    expect(reprint.totals).toEqual(closed.totals);
    expect(reprint.closed?.early).toEqual({
      dayEndsAt: '2030-06-14T16:00:00.000Z',
      afterClose: 2,
    });
    const next = z('2030-06-15');
    expect(next.from).toBe(closed.to);
    expect(next.carriedFrom).toEqual({ number: 1, closedAt: closed.closed?.closedAt });
    expect(next.totals.sales).toEqual({ count: 3, amountMinor: 4500 });
    // The next day's evening hours fold into the hour chart with the rest.
    expect(next.byHour.map((h) => h.hour)).toEqual([9, 23]);

    // No sale is in two Zs or in none: the two add up to everything sold.
    const all = rows<{ n: number; total: number }>(
      core,
      "SELECT count(*) AS n, sum(total_minor) AS total FROM sale WHERE kind = 'sale'",
    )[0];
    expect(closed.totals.sales.count + next.totals.sales.count).toBe(all?.n);
    expect(closed.totals.sales.amountMinor + next.totals.sales.amountMinor).toBe(all?.total);

    // Closed after it ended, the next day needs no "close early" and keeps what it counted.
    at('2030-06-16 08:00');
    const second = closeDay('2030-06-15');
    expect(second.closed).toMatchObject({ number: 2, early: null });
    expect(second.totals).toEqual(next.totals);
    expect(second.carriedFrom).toEqual(next.carriedFrom);
  });

  it('a day closed after it ended is not early, and the day after starts at its own start', () => {
    at('2030-06-14 10:00');
    sell(core, { lines: [goods(1000)] });
    at('2030-06-15 08:00');
    expect(closeDay('2030-06-14').closed?.early).toBeNull();
    expect(z('2030-06-15')).toMatchObject({
      from: '2030-06-14T16:00:00.000Z',
      carriedFrom: null,
    });
  });
});

describe('PIN lockout on the reports uses the core’s clock, not the wall clock', () => {
  it('locked at 09:00:00 on the core clock; right PIN refused at 09:00:10, accepted at 09:00:31', () => {
    at('2030-06-14 09:00');
    for (let i = 0; i < 5; i++) {
      core.dispatch('report.setDayBoundary', { boundaryMinutes: 240, managerPin: '0000' });
    }
    clock.set(new Date(clock.now() + 10_000).toISOString());
    expectRefusal(
      core,
      'report.setDayBoundary',
      { boundaryMinutes: 240, managerPin: MANAGER_PIN },
      'pin_locked',
    );
    expectRefusal(
      core,
      'report.closeDay',
      { businessDay: '2030-06-13', managerPin: MANAGER_PIN },
      'pin_locked',
    );
    // The wall clock is years before 2030: a lockout read on it would still be running here.
    clock.set(new Date(clock.now() + 21_000).toISOString());
    expect(
      unwrap(
        core.dispatch('report.setDayBoundary', { boundaryMinutes: 240, managerPin: MANAGER_PIN }),
      ),
    ).toMatchObject({ boundaryMinutes: 240 });
    expect(closeDay('2030-06-13').closed?.number).toBe(1);
  });
});
