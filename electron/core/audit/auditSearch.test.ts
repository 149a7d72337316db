import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage, StaffMember } from '../../../shared/staff';
import type { Member } from '../../../shared/domain';
import { defaultProgram } from '../../../shared/program';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import { enroll, goods, makeClock, sell, type TestClock } from '../../../test/unit/helpers/loyalty';

/** The manager's audit search: filters combine, newest first, a page at a time, readable fields. */

let clock: TestClock;
let core: TestCore;
let cara: StaffMember;
let amy: Member;

const search = (query: Record<string, unknown> = {}) =>
  unwrap(core.dispatch('audit.search', query)) as AuditPage;

beforeEach(() => {
  clock = makeClock('2025-03-05T04:00:00.000Z');
  core = openTestCore({ now: clock.now });
  amy = enroll(core);
  cara = unwrap(
    core.dispatch('staff.add', {
      name: 'Cara',
      role: 'cashier',
      pin: '4321',
      managerPin: MANAGER_PIN,
    }),
  ) as StaffMember;
  clock.advanceDays(1);
  unwrap(
    core.dispatch('points.adjust', {
      memberId: amy.id,
      points: 40,
      reason: 'Missed stamp card 50% bonus',
      managerPin: MANAGER_PIN,
    }),
  );
  clock.advanceDays(1);
  unwrap(core.dispatch('staff.signIn', { pin: '4321' }));
  sell(core, { lines: [goods(100)] });
  core.dispatch('staff.signIn', { pin: '9999' });
});
afterEach(() => core.cleanup());

describe('audit.search', () => {
  it('newest first, with who, approver, terminal and readable before/after', () => {
    const page = search({ managerPin: MANAGER_PIN });
    expect(page.entries.map((e) => e.action)).toEqual([
      'pin.wrong',
      'staff.switched',
      'points.adjust',
      'staff.added',
      // The set-up manager opened the template's shift before anything else.
      'shift.opened',
    ]);
    const adjust = page.entries.find((e) => e.action === 'points.adjust');
    expect(adjust).toMatchObject({
      staffName: 'Mandy Manager',
      approvedByName: 'Mandy Manager',
      terminalName: 'Till 1',
      subjectLabel: `${amy.name} · ${amy.cardNumber}`,
      before: [
        { path: 'total', value: 0 },
        { path: 'available', value: 0 },
      ],
      after: [
        { path: 'total', value: 40 },
        { path: 'available', value: 40 },
      ],
    });
    expect(page.nextBeforeNo).toBeNull();
    // A staff member is named, not shown as an id; "nothing before" is no fields at all.
    expect(page.entries.find((e) => e.action === 'staff.added')).toMatchObject({
      subjectLabel: 'Cara',
      before: null,
      after: [
        { path: 'name', value: 'Cara' },
        { path: 'role', value: 'cashier' },
      ],
    });
  });

  it('filters: date range, staff (did or approved), action, member card, text; they combine', () => {
    const day2 = { from: '2025-03-06T00:00:00+08:00', to: '2025-03-07T00:00:00+08:00' };
    const q = (extra: Record<string, unknown>) =>
      search({ managerPin: MANAGER_PIN, ...extra }).entries.map((e) => e.action);
    expect(q(day2)).toEqual(['points.adjust']);
    // The wrong PIN was typed while Cara was at the till.
    expect(q({ staffId: cara.id })).toEqual(['pin.wrong', 'staff.switched']);
    expect(q({ action: 'staff.added' })).toEqual(['staff.added']);
    expect(q({ subject: amy.cardNumber })).toEqual(['points.adjust']);
    expect(q({ subject: cara.id })).toEqual(['staff.switched', 'staff.added']);
    expect(q({ text: 'stamp card' })).toEqual(['points.adjust']);
    // LIKE wildcards are literal: "50%" matches the reason, "%" alone matches only that one.
    expect(q({ text: '50%' })).toEqual(['points.adjust']);
    expect(q({ text: '_' })).toEqual([]);
    expect(q({ ...day2, action: 'staff.added' })).toEqual([]);
  });

  it('pages by keyset: no row twice, none missed, stable while new rows arrive', () => {
    const first = search({ managerPin: MANAGER_PIN, limit: 3 });
    expect(first.entries).toHaveLength(3);
    // A new row between pages does not shift the next page.
    core.dispatch('staff.signIn', { pin: '8888' });
    const second = search({ managerPin: MANAGER_PIN, limit: 3, beforeNo: first.nextBeforeNo });
    expect(second.entries.map((e) => e.action)).toEqual(['staff.added', 'shift.opened']);
    expect(second.nextBeforeNo).toBeNull();
  });

  it('a program change shows the fields the manager changed, not the whole program', () => {
    unwrap(
      core.dispatch('program.update', {
        program: { ...defaultProgram, expiry: { months: 24 } },
        managerPin: MANAGER_PIN,
      }),
    );
    const [entry] = search({ managerPin: MANAGER_PIN, action: 'program.update' }).entries;
    expect(entry?.before).toEqual([{ path: 'expiry.months', value: 12 }]);
    expect(entry?.after).toEqual([{ path: 'expiry.months', value: 24 }]);
  });

  it('audit.actions lists every action once', () => {
    expect(unwrap(core.dispatch('audit.actions', { managerPin: MANAGER_PIN }))).toEqual([
      'pin.wrong',
      'points.adjust',
      'shift.opened',
      'staff.added',
      'staff.switched',
    ]);
  });
});
