import type Database from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../db/statements';
import type { Stamp } from '../context';
import { uuidv7 } from '../../../shared/ids';

export type CouponSource = 'manual' | 'welcome' | 'birthday' | 'next_order';

export interface CouponRow {
  id: string;
  code: string;
  campaign_id: string;
  member_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  source: CouponSource;
  issued_sale_id: string | null;
  created_at: string;
}

const columns =
  'id, code, campaign_id, member_id, valid_from, valid_to, source, issued_sale_id, created_at';

export function couponByCode(db: Database.Database, code: string): CouponRow | null {
  return (
    (prepared(db, `SELECT ${columns} FROM coupon WHERE code = ?`).get(code) as CouponRow) ?? null
  );
}

export function couponsOfMember(db: Database.Database, memberId: string): CouponRow[] {
  return prepared(
    db,
    `SELECT ${columns} FROM coupon WHERE member_id = ? ORDER BY coupon_no DESC LIMIT 100`,
  ).all(memberId) as CouponRow[];
}

export function couponsIssuedBySale(db: Database.Database, saleId: string): CouponRow[] {
  return prepared(
    db,
    `SELECT ${columns} FROM coupon WHERE issued_sale_id = ? ORDER BY coupon_no`,
  ).all(saleId) as CouponRow[];
}

export function insertCoupon(
  db: Database.Database,
  stamp: Stamp,
  coupon: Omit<CouponRow, 'created_at'>,
): void {
  prepared(
    db,
    `INSERT INTO coupon (id, code, campaign_id, member_id, valid_from, valid_to, source,
       issued_sale_id, terminal_id, staff_id, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    coupon.id,
    coupon.code,
    coupon.campaign_id,
    coupon.member_id,
    coupon.valid_from,
    coupon.valid_to,
    coupon.source,
    coupon.issued_sale_id,
    stamp.terminalId,
    stamp.staffId,
    stamp.createdAt,
    stamp.hlc,
  );
}

/**
 * Redemptions here less returns, plus 1 when head office says it was redeemed elsewhere in the
 * chain: anything above 0 means the coupon is spent.
 */
export function netUses(db: Database.Database, couponId: string): number {
  const row = prepared(
    db,
    `SELECT coalesce(sum(CASE kind WHEN 'redeemed' THEN 1 ELSE -1 END), 0)
       + (SELECT CASE remote_state WHEN 'redeemed' THEN 1 ELSE 0 END FROM coupon WHERE id = ?) AS n
     FROM coupon_use WHERE coupon_id = ?`,
  ).get(couponId, couponId) as { n: number };
  return row.n;
}

/**
 * Net uses (redeemed less returned) of a campaign's coupons here: one member's, counted from
 * their few coupons, or everyone's, from campaign_uses, which a trigger keeps with every
 * coupon_use row (counting every use of a big campaign on each sale would not scale).
 */
export function campaignUses(
  db: Database.Database,
  campaignId: string,
  memberId: string | null,
): number {
  const row = (
    memberId
      ? prepared(
          db,
          `SELECT coalesce(sum(CASE u.kind WHEN 'redeemed' THEN 1 ELSE -1 END), 0) AS n
           FROM coupon c JOIN coupon_use u ON u.coupon_id = c.id
           WHERE c.member_id = ? AND c.campaign_id = ?`,
        ).get(memberId, campaignId)
      : prepared(
          db,
          'SELECT coalesce(sum(net_uses), 0) AS n FROM campaign_uses WHERE campaign_id = ?',
        ).get(campaignId)
  ) as { n: number };
  return row.n;
}

export function countIssued(
  db: Database.Database,
  campaignId: string,
  memberId: string,
  source: CouponSource,
  sinceIso: string,
): number {
  const row = prepared(
    db,
    `SELECT count(*) AS n FROM coupon
     WHERE member_id = ? AND campaign_id = ? AND source = ? AND created_at >= ?`,
  ).get(memberId, campaignId, source, sinceIso) as { n: number };
  return row.n;
}

export interface CouponUseRow {
  coupon_id: string;
  code: string;
  campaign_id: string;
  kind: 'redeemed' | 'returned';
  discount_minor: number;
}

export function usesOfSale(db: Database.Database, saleId: string): CouponUseRow[] {
  return prepared(
    db,
    `SELECT u.coupon_id, c.code, c.campaign_id, u.kind, u.discount_minor
     FROM coupon_use u JOIN coupon c ON c.id = u.coupon_id WHERE u.sale_id = ? ORDER BY u.use_no`,
  ).all(saleId) as CouponUseRow[];
}

export function insertCouponUse(
  db: Database.Database,
  stamp: Stamp,
  use: {
    /** Only a restore passes one: the id the use was first written with. */
    id?: string;
    couponId: string;
    kind: 'redeemed' | 'returned';
    saleId: string;
    discountMinor: number;
    offline: boolean;
  },
): string {
  const id = use.id ?? uuidv7();
  prepared(
    db,
    `INSERT INTO coupon_use (id, coupon_id, kind, sale_id, discount_minor, offline, terminal_id,
       staff_id, created_at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    use.couponId,
    use.kind,
    use.saleId,
    use.discountMinor,
    use.offline ? 1 : 0,
    stamp.terminalId,
    stamp.staffId,
    stamp.createdAt,
    stamp.hlc,
  );
  return id;
}

/** Whether the coupon was voided (its sale refunded in full), here or at head office. */
export function isVoided(db: Database.Database, couponId: string): boolean {
  return prepared(db, 'SELECT 1 FROM coupon_void WHERE coupon_id = ?').get(couponId) !== undefined;
}

/**
 * Voids a coupon for good: an append-only row, once per coupon (a second void changes nothing).
 * `refundId` is the refund that voided it here; null when head office said so.
 */
export function insertCouponVoid(
  db: Database.Database,
  stamp: Stamp | null,
  void_: { couponId: string; refundId: string | null; terminalId: string; at: string; hlc: string },
): boolean {
  const result = prepared(
    db,
    `INSERT INTO coupon_void (coupon_id, refund_id, reason, terminal_id, staff_id, created_at, hlc)
     VALUES (?, ?, 'sale_refunded', ?, ?, ?, ?) ON CONFLICT (coupon_id) DO NOTHING`,
  ).run(
    void_.couponId,
    void_.refundId,
    void_.terminalId,
    stamp?.staffId ?? null,
    void_.at,
    void_.hlc,
  );
  return result.changes > 0;
}

/** The discount this coupon's uses here gave, net of returns; null when it is not used here. */
export function netLocalDiscount(db: Database.Database, couponId: string): number | null {
  const row = prepared(
    db,
    `SELECT coalesce(sum(CASE kind WHEN 'redeemed' THEN 1 ELSE -1 END), 0) AS uses,
       coalesce(sum(discount_minor), 0) AS discount
     FROM coupon_use WHERE coupon_id = ?`,
  ).get(couponId) as { uses: number; discount: number };
  return row.uses > 0 ? row.discount : null;
}
