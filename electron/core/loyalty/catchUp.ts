import type { CoreContext } from '../context';
import { stampUnattended } from '../stamp';
import { prepared } from '../db/statements';
import { requireTerminal } from '../terminal/terminalStore';
import { readProgram } from '../program/programStore';
import { expireMemberPoints, membersWithDueExpiry } from '../points/expiry';
import { memberTierRow, reviewMemberTier } from '../members/tiers';
import { lastReviewDate } from '../../../shared/rules/tiers';
import { countIssued } from '../coupons/couponStore';
import { issueCouponIfRunning } from '../coupons/coupons';
import { appendOutbox } from '../outbox/outbox';
import { shopDay, shopDayStartIso } from '../shopTime';

const PAGE = 500;

/** How long one transaction of the catch-up may hold the event loop beside the sale path. */
export const CATCH_UP_SLICE_MS = 3;

export interface CatchUpTotals {
  expiredEntries: number;
  tierChanges: number;
  birthdayCoupons: number;
}

/**
 * `each` over `items` in transactions that end once `budgetMs` has passed, yielding after each
 * one: whoever drives the steps decides whether to let a sale in between.
 */
function* inSlices<T>(
  db: CoreContext['db'],
  items: readonly T[],
  budgetMs: number,
  each: (item: T) => void,
): Generator<void> {
  for (let next = 0; next < items.length;) {
    db.transaction(() => {
      const started = performance.now();
      while (next < items.length) {
        each(items[next++] as T);
        if (performance.now() - started >= budgetMs) break;
      }
    })();
    yield;
  }
}

/**
 * Catches the loyalty program up with the calendar: expiry entries, yearly tier reviews and
 * birthday coupons. Idempotent, and works in short transactions (one step each) so a terminal
 * that was off for weeks catches up without holding the ledger for long. Each member's work
 * reads what it needs inside its own transaction, so a sale between two steps is safe.
 */
function* catchUpSteps(ctx: CoreContext, budgetMs: number, totals: CatchUpTotals): Generator<void> {
  const { db } = ctx;
  const terminal = requireTerminal(db);
  const program = readProgram(db);
  const nowIso = new Date(ctx.now()).toISOString();
  const day = shopDay(ctx.now(), terminal.timeZone);

  let after = '';
  for (;;) {
    const members = membersWithDueExpiry(db, nowIso, after, PAGE);
    if (members.length === 0) break;
    yield* inSlices(db, members, budgetMs, (memberId) => {
      const stamp = stampUnattended(ctx);
      const written = expireMemberPoints(db, stamp, memberId);
      if (written.length > 0) {
        appendOutbox(db, stamp, 'points.expired', { memberId, pointsEntries: written });
        totals.expiredEntries += written.length;
      }
    });
    after = members[members.length - 1] ?? after;
  }

  // Tier review: only members above the first tier can move down.
  const review = lastReviewDate(day.date, program.tiers.reviewDate);
  const baseTier = program.tiers.levels[0]?.id ?? '';
  let cursor = 0;
  for (;;) {
    const rows = prepared(
      db,
      `SELECT member_no, id FROM member WHERE tier_id IS NOT NULL AND tier_id <> ?
         AND (tier_since IS NULL OR tier_since < ?) AND member_no > ? ORDER BY member_no LIMIT ?`,
    ).all(baseTier, `${review}T00:00:00`, cursor, PAGE) as { member_no: number; id: string }[];
    if (rows.length === 0) break;
    yield* inSlices(db, rows, budgetMs, (row) => {
      const stamp = stampUnattended(ctx);
      const fromTier = memberTierRow(db, row.id).tierId;
      if (reviewMemberTier(db, stamp, row.id, program, day.date)) {
        totals.tierChanges += 1;
        // The tiers travel so head office's analytics can follow members down as well as up.
        const toTier = memberTierRow(db, row.id).tierId;
        appendOutbox(db, stamp, 'member.tierChanged', { memberId: row.id, fromTier, toTier });
      }
    });
    cursor = rows[rows.length - 1]?.member_no ?? cursor;
  }

  // Birthday coupons: once per member per year, in their birthday month.
  const campaignId = program.coupons.birthdayCampaignId;
  if (!campaignId) return;
  const month = Number(day.date.slice(5, 7));
  const yearStart = shopDayStartIso(`${day.date.slice(0, 4)}-01-01`, terminal.timeZone);
  let memberCursor = 0;
  for (;;) {
    const rows = prepared(
      db,
      `SELECT member_no, id FROM member WHERE birth_month = ? AND birthday IS NOT NULL
         AND member_no > ? ORDER BY member_no LIMIT ?`,
    ).all(month, memberCursor, PAGE) as { member_no: number; id: string }[];
    if (rows.length === 0) break;
    yield* inSlices(db, rows, budgetMs, (row) => {
      if (countIssued(db, campaignId, row.id, 'birthday', yearStart) > 0) return;
      const stamp = stampUnattended(ctx);
      const issued = issueCouponIfRunning(
        db,
        stamp,
        program,
        { campaignId, memberId: row.id, source: 'birthday', saleId: null },
        day.date,
      );
      if (issued) totals.birthdayCoupons += 1;
    });
    memberCursor = rows[rows.length - 1]?.member_no ?? memberCursor;
  }
}

const noTotals = (): CatchUpTotals => ({ expiredEntries: 0, tierChanges: 0, birthdayCoupons: 0 });

/** The whole catch-up at once, a page of members per transaction (a manager asked for it). */
export function catchUpLoyalty(ctx: CoreContext): CatchUpTotals {
  const totals = noTotals();
  const steps = catchUpSteps(ctx, Number.POSITIVE_INFINITY, totals);
  while (!steps.next().done);
  return totals;
}

/**
 * The catch-up beside the sale path, as the terminal's timer runs it: transactions of a few
 * milliseconds, with `pause()` between them so a sale waiting on the event loop goes first.
 * After a month closed, a shop's first start expires tens of thousands of lots; at once, that
 * held the event loop for seconds.
 */
export async function catchUpLoyaltyBesideSales(
  ctx: CoreContext,
  pause: () => Promise<void>,
  budgetMs = CATCH_UP_SLICE_MS,
): Promise<CatchUpTotals> {
  const totals = noTotals();
  const steps = catchUpSteps(ctx, budgetMs, totals);
  while (!steps.next().done) await pause();
  return totals;
}
