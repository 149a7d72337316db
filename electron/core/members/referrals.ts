import type Database from 'better-sqlite3-multiple-ciphers';
import type { Program } from '../../../shared/program';
import { addMonths } from '../../../shared/rules/pointsLots';
import { prepared } from '../db/statements';
import type { Stamp } from '../context';
import { appendPointsEntry, type WrittenEntry } from '../points/pointsLedger';

/**
 * A referred member's first qualifying purchase rewards both people, once. Returns the bonus
 * entries written (none when the rule does not apply).
 */
export function rewardReferral(
  db: Database.Database,
  stamp: Stamp,
  program: Program,
  memberId: string,
  earnBaseMinor: number,
  saleId: string,
): WrittenEntry[] {
  const { referrerPoints, refereePoints, minimumSpendMinor } = program.referrals;
  if (referrerPoints === 0 && refereePoints === 0) return [];
  if (earnBaseMinor <= 0 || earnBaseMinor < minimumSpendMinor) return [];
  const row = prepared(
    db,
    `SELECT m.referred_by FROM member m
     WHERE m.id = ? AND m.referred_by IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM referral_reward r WHERE r.referee_id = m.id)`,
  ).get(memberId) as { referred_by: string } | undefined;
  if (!row) return [];
  prepared(
    db,
    'INSERT INTO referral_reward (referee_id, referrer_id, sale_id, created_at) VALUES (?, ?, ?, ?)',
  ).run(memberId, row.referred_by, saleId, stamp.createdAt);
  const expiresAt =
    program.expiry.months > 0 ? addMonths(stamp.createdAt, program.expiry.months) : null;
  const bonus = (who: string, points: number) =>
    appendPointsEntry(db, stamp, {
      memberId: who,
      kind: 'bonus',
      points,
      saleId,
      reversesId: null,
      expiresAt,
      reason: who === memberId ? 'referral: welcome' : 'referral: thank you',
    }).entry;
  const written: WrittenEntry[] = [];
  if (refereePoints > 0) written.push(bonus(memberId, refereePoints));
  if (referrerPoints > 0) written.push(bonus(row.referred_by, referrerPoints));
  return written;
}
