import type { CoreContext } from '../context';
import { stampUnattended } from '../stamp';
import { prepared } from '../db/statements';
import { requireTerminal } from '../terminal/terminalStore';
import { readProgram } from '../program/programStore';
import { expireMemberPoints, membersWithDueExpiry } from '../points/expiry';
import { memberTierRow, reviewMemberTier } from '../members/tiers';
import { lastReviewDate } from '../../../shared/rules/tiers';
import { countIssued } from '../coupons/couponStore';
import { issueCoupon } from '../coupons/coupons';
import { appendOutbox } from '../outbox/outbox';
import { shopDay, shopDayStartIso } from '../shopTime';

const PAGE = 500;

/**
 * Catches the loyalty program up with the calendar: expiry entries, yearly tier reviews and
 * birthday coupons. Idempotent, and works page by page in short transactions so a terminal
 * that was off for weeks catches up without holding the ledger for long.
 */
export function catchUpLoyalty(ctx: CoreContext): {
  expiredEntries: number;
  tierChanges: number;
  birthdayCoupons: number;
} {
  const { db } = ctx;
  const terminal = requireTerminal(db);
  const program = readProgram(db);
  const nowIso = new Date(ctx.now()).toISOString();
  const day = shopDay(ctx.now(), terminal.timeZone);
  let expiredEntries = 0;
  let tierChanges = 0;
  let birthdayCoupons = 0;

  let after = '';
  for (;;) {
    const members = membersWithDueExpiry(db, nowIso, after, PAGE);
    if (members.length === 0) break;
    db.transaction(() => {
      for (const memberId of members) {
        const stamp = stampUnattended(ctx);
        const written = expireMemberPoints(db, stamp, memberId);
        if (written.length > 0) {
          appendOutbox(db, stamp, 'points.expired', { memberId, pointsEntries: written });
          expiredEntries += written.length;
        }
      }
    })();
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
    db.transaction(() => {
      for (const row of rows) {
        const stamp = stampUnattended(ctx);
        const fromTier = memberTierRow(db, row.id).tierId;
        if (reviewMemberTier(db, stamp, row.id, program, day.date)) {
          tierChanges += 1;
          // The tiers travel so head office's analytics can follow members down as well as up.
          const toTier = memberTierRow(db, row.id).tierId;
          appendOutbox(db, stamp, 'member.tierChanged', { memberId: row.id, fromTier, toTier });
        }
      }
    })();
    cursor = rows[rows.length - 1]?.member_no ?? cursor;
  }

  // Birthday coupons: once per member per year, in their birthday month.
  const campaignId = program.coupons.birthdayCampaignId;
  if (campaignId) {
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
      db.transaction(() => {
        for (const row of rows) {
          if (countIssued(db, campaignId, row.id, 'birthday', yearStart) > 0) continue;
          const stamp = stampUnattended(ctx);
          issueCoupon(
            db,
            stamp,
            program,
            { campaignId, memberId: row.id, source: 'birthday', saleId: null },
            day.date,
          );
          birthdayCoupons += 1;
        }
      })();
      memberCursor = rows[rows.length - 1]?.member_no ?? memberCursor;
    }
  }
  return { expiredEntries, tierChanges, birthdayCoupons };
}
