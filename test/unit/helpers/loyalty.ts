import { expect } from 'vitest';
import type { ApiInput } from '../../../shared/api';
import type { Member, MemberLoyalty, Receipt } from '../../../shared/domain';
import { addMonths } from '../../../shared/rules/pointsLots';
import { defaultProgram, type Campaign, type Program } from '../../../shared/program';
import type { ErrorCode, Result } from '../../../shared/result';
import { uuidv7 } from '../../../shared/ids';
import { snapshot, unwrap, type TestCore } from './terminal';

/**
 * Helpers for loyalty tests through the real core: a wall clock the test moves, program and
 * campaign builders, and short ways to enroll, sell, refund and read a member's points.
 */

export interface TestClock {
  now: () => number;
  iso(): string;
  set(iso: string): void;
  advanceDays(days: number): void;
  advanceMonths(months: number): void;
}

/** A wall clock that stands still until the test moves it (Hong Kong noon by default). */
export function makeClock(startIso = '2025-03-03T04:00:00.000Z'): TestClock {
  let t = Date.parse(startIso);
  return {
    now: () => t,
    iso: () => new Date(t).toISOString(),
    set: (iso) => {
      t = Date.parse(iso);
    },
    advanceDays: (days) => {
      t += days * 86_400_000;
    },
    advanceMonths: (months) => {
      t = Date.parse(addMonths(new Date(t).toISOString(), months));
    },
  };
}

/** Hong Kong's wall clock (UTC+8, no DST) as an instant: "2030-06-14 09:10" is 01:10 UTC. */
export function hongKong(local: string): string {
  return new Date(Date.parse(`${local.replace(' ', 'T')}:00+08:00`)).toISOString();
}

type ProgramPatch = { [K in keyof Program]?: Partial<Program[K]> };

/** The default program with some sections changed (each section merged one level deep). */
export function programWith(patch: ProgramPatch): Program {
  const program = structuredClone(defaultProgram) as Record<string, Record<string, unknown>>;
  for (const [section, value] of Object.entries(patch)) {
    program[section] = { ...program[section], ...(value as Record<string, unknown>) };
  }
  return program as unknown as Program;
}

/** A usable campaign: 10% off everything, no limits, stackable, offline-friendly. */
export function campaign(partial: Partial<Campaign> & { id: string }): Campaign {
  return {
    name: partial.id,
    kind: 'percent',
    percentOff: 10,
    amountOffMinor: null,
    appliesTo: null,
    buyQuantity: null,
    getQuantity: null,
    minimumBasketMinor: 0,
    validFrom: null,
    validTo: null,
    validDays: null,
    perMemberLimit: 0,
    totalLimit: 0,
    stackable: true,
    onlineOnly: false,
    ...partial,
  };
}

let phoneSeq = 0;
/** A valid Hong Kong mobile number not used before in this test process (9123 0001, …). */
/** The default program with one coupon campaign, "tenoff" (10 % off), and nothing automatic. */
export function tenOffProgram(): Program {
  return programWith({
    coupons: {
      campaigns: [campaign({ id: 'tenoff', name: '10% off' })],
      welcomeCampaignId: null,
      birthdayCampaignId: null,
      nextOrder: null,
    },
  });
}

export function nextPhone(): string {
  phoneSeq += 1;
  const digits = String(91_230_000 + (phoneSeq % 20_000));
  return `${digits.slice(0, 4)} ${digits.slice(4)}`;
}

export function enroll(core: TestCore, extra: Partial<ApiInput<'member.enroll'>> = {}): Member {
  return unwrap(
    core.dispatch('member.enroll', {
      name: 'Amy Chan',
      phone: nextPhone(),
      marketingConsent: true,
      ...extra,
    }),
  ) as Member;
}

export type SaleInput = Omit<ApiInput<'sale.record'>, 'saleId' | 'redeemPoints' | 'memberId'> & {
  saleId?: string;
  memberId?: string | null;
  redeemPoints?: number;
};

export function trySell(core: TestCore, input: SaleInput): Result<unknown> {
  return core.dispatch('sale.record', {
    saleId: uuidv7(),
    memberId: null,
    redeemPoints: 0,
    ...input,
  });
}

export function sell(core: TestCore, input: SaleInput): Receipt {
  return unwrap(trySell(core, input)) as Receipt;
}

export function goods(
  unitPriceMinor: number,
  more: Partial<ApiInput<'sale.record'>['lines'][number]> = {},
): ApiInput<'sale.record'>['lines'][number] {
  return { description: 'Item', quantity: 1, unitPriceMinor, ...more };
}

export function refund(
  core: TestCore,
  saleId: string,
  lines?: { lineNo: number; quantity: number }[],
): Receipt {
  return unwrap(
    core.dispatch('sale.refund', {
      saleId,
      refundId: uuidv7(),
      reason: 'Returned',
      ...(lines ? { lines } : {}),
    }),
  ) as Receipt;
}

export function loyaltyOf(core: TestCore, memberId: string): MemberLoyalty {
  return unwrap(core.dispatch('member.loyalty', { memberId })) as MemberLoyalty;
}

/** The member's ledger balance (sum of entries), read through the API. */
export function balanceOf(core: TestCore, memberId: string): number {
  return (unwrap(core.dispatch('member.get', { memberId })) as Member).pointsBalance;
}

/** A ledger snapshot without the wrong-PIN count and the audit trail that records it. */
function withoutPinTrail(snap: string): string {
  const all = JSON.parse(snap) as Record<string, unknown>;
  delete all.audit_log;
  delete all.pin_guard;
  return JSON.stringify(all);
}

/**
 * Calls an operation that must fail with `code` and checks it wrote nothing at all (a wrong PIN
 * writes only its audit row and the lockout count).
 */
export function expectRefusal(
  core: TestCore,
  op: string,
  input: unknown,
  code: ErrorCode,
): { code: string; details?: Record<string, string | number> } {
  const before = snapshot(core.db);
  const result = core.dispatch(op, input);
  expect(result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`).toMatch(
    new RegExp(`^${code}:`),
  );
  if (code === 'wrong_pin' || code === 'pin_not_recognised') {
    // A wrong PIN is counted and audited (and nothing else is written).
    expect(withoutPinTrail(snapshot(core.db))).toBe(withoutPinTrail(before));
    const last = core.db
      .prepare('SELECT action FROM audit_log ORDER BY audit_no DESC LIMIT 1')
      .get() as { action: string } | undefined;
    expect(last?.action).toMatch(/^pin\.(wrong|locked_out)$/);
  } else {
    expect(snapshot(core.db)).toBe(before);
  }
  if (result.ok) throw new Error('unreachable');
  return result.error;
}

/** Rows of a table for a quick look in assertions (table names are the test's own constants). */
export function rows<T = Record<string, unknown>>(
  core: TestCore,
  sql: string,
  ...params: unknown[]
): T[] {
  return core.db.prepare(sql).all(...params) as T[];
}
