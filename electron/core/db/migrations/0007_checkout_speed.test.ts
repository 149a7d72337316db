import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CouponView, Receipt } from '../../../../shared/domain';
import { openLedger } from '../connection';
import { migrate, migrations } from '../migrate';
import { LEDGER_FILE } from '../../core';
import { campaignUses } from '../../coupons/couponStore';
import {
  campaign,
  enroll,
  goods,
  programWith,
  refund,
  sell,
} from '../../../../test/unit/helpers/loyalty';
import {
  makeTempDir,
  testLedgerKey,
  openTestCore,
  unwrap,
  type TempDir,
  type TestCore,
} from '../../../../test/unit/helpers/terminal';
import { sqlitePlan } from '../../../../test/unit/helpers/sqlitePlan';

/**
 * Migration 7 (checkout speed): indexes for the deferred foreign keys to sale(id) and for the
 * rolling-spend tier check, and campaign_uses, a per-campaign count of coupon uses kept by a
 * trigger and started from the uses already recorded.
 */

let tmp: TempDir;
const open: Database.Database[] = [];

beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  tmp.remove();
});

const planOf = (db: Database.Database, sql: string) => sqlitePlan(db, sql);

describe('on a fresh ledger', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = openLedger(path.join(tmp.dir, LEDGER_FILE), { key: testLedgerKey() });
    open.push(db);
  });

  it('the child tables of a sale are searched by sale id through an index, not scanned', () => {
    // The look-ups SQLite makes for the deferred keys when a sale row is inserted after them.
    expect(planOf(db, 'SELECT 1 FROM tier_change WHERE sale_id = ?')).toContain(
      'USING COVERING INDEX tier_change_sale (sale_id=?)',
    );
    expect(planOf(db, 'SELECT 1 FROM gift_card WHERE sold_sale_id = ?')).toContain(
      'USING COVERING INDEX gift_card_sold_sale (sold_sale_id=?)',
    );
    expect(planOf(db, 'SELECT 1 FROM referral_reward WHERE sale_id = ?')).toContain(
      'USING COVERING INDEX referral_reward_sale (sale_id=?)',
    );
  });

  it('the lot replay’s read of a member’s entries reads points_entry_member alone', () => {
    expect(
      planOf(
        db,
        `SELECT id, kind, points, reverses_id, lot_id, available_at, expires_at, created_at
         FROM points_entry WHERE member_id = ? ORDER BY entry_no`,
      ),
    ).toBe('SEARCH points_entry USING COVERING INDEX points_entry_member (member_id=?)');
  });

  it('the rolling 12-month spend of a member reads the index alone', () => {
    expect(
      planOf(
        db,
        `SELECT coalesce(sum(earn_base_minor), 0) AS value FROM sale
         WHERE member_id = ? AND created_at >= ?`,
      ),
    ).toContain(
      'SEARCH sale USING COVERING INDEX sale_member_spend (member_id=? AND created_at>?)',
    );
  });

  it('a campaign’s total uses are one primary-key read', () => {
    expect(
      planOf(db, 'SELECT coalesce(sum(net_uses), 0) AS n FROM campaign_uses WHERE campaign_id = ?'),
    ).toMatch(
      /SEARCH campaign_uses USING INDEX sqlite_autoindex_campaign_uses_1 \(campaign_id=\?\)/,
    );
  });

  it('campaign_uses refuses deletes', () => {
    db.prepare("INSERT INTO campaign_uses (campaign_id, net_uses) VALUES ('x', 1)").run();
    expect(() => db.prepare('DELETE FROM campaign_uses').run()).toThrow(/never deleted/);
  });
});

describe('upgrading a ledger that already has coupon uses', () => {
  it('starts campaign_uses from the uses already there, redeemed less returned', () => {
    const db = new Database(path.join(tmp.dir, LEDGER_FILE));
    open.push(db);
    // The schema just before this migration, with foreign keys off so the uses need no sales.
    db.pragma('foreign_keys = OFF');
    for (const migration of migrations.filter((m) => m.version < 7)) {
      db.exec(migration.up);
      db.pragma(`user_version = ${Number(migration.version)}`);
    }
    const coupon = db.prepare(
      `INSERT INTO coupon (id, code, campaign_id, source, terminal_id, created_at, hlc)
       VALUES (?, ?, ?, 'manual', 't', '2025-01-01', 'h')`,
    );
    coupon.run('c1', 'CP1', 'tenoff');
    coupon.run('c2', 'CP2', 'tenoff');
    coupon.run('c3', 'CP3', 'other');
    const use = db.prepare(
      `INSERT INTO coupon_use (id, coupon_id, kind, sale_id, discount_minor, offline, terminal_id,
         staff_id, created_at, hlc) VALUES (?, ?, ?, 's', 100, 0, 't', 'st', '2025-01-01', 'h')`,
    );
    use.run('u1', 'c1', 'redeemed');
    use.run('u2', 'c1', 'returned');
    use.run('u3', 'c1', 'redeemed');
    use.run('u4', 'c2', 'redeemed');
    use.run('u5', 'c3', 'redeemed');

    migrate(db);
    expect(db.prepare('SELECT * FROM campaign_uses ORDER BY campaign_id').all()).toEqual([
      { campaign_id: 'other', net_uses: 1 },
      { campaign_id: 'tenoff', net_uses: 2 },
    ]);
    // From here on the trigger keeps it.
    use.run('u6', 'c2', 'returned');
    expect(campaignUses(db, 'tenoff', null)).toBe(1);
    expect(campaignUses(db, 'unknown', null)).toBe(0);
  });
});

describe('campaign_uses through sales and refunds', () => {
  let core: TestCore;
  afterEach(() => core.cleanup());

  it('always equals the coupon_use rows counted afresh, and a total limit holds', () => {
    core = openTestCore({
      program: programWith({
        coupons: {
          campaigns: [campaign({ id: 'tenoff', totalLimit: 2 }), campaign({ id: 'other' })],
          welcomeCampaignId: null,
          birthdayCampaignId: null,
          nextOrder: null,
        },
      }),
    });
    const counted = () =>
      core.db
        .prepare(
          `SELECT c.campaign_id, sum(CASE u.kind WHEN 'redeemed' THEN 1 ELSE -1 END) AS net_uses
           FROM coupon_use u JOIN coupon c ON c.id = u.coupon_id
           GROUP BY c.campaign_id ORDER BY c.campaign_id`,
        )
        .all();
    const kept = () => core.db.prepare('SELECT * FROM campaign_uses ORDER BY campaign_id').all();
    const issue = (campaignId: string) =>
      (unwrap(core.dispatch('coupon.issue', { campaignId, memberId: null })) as CouponView).code;
    const amy = enroll(core, { name: 'Amy' });

    const first = sell(core, {
      memberId: amy.id,
      lines: [goods(5000), goods(3000)],
      couponCodes: [issue('tenoff'), issue('other')],
    }) as Receipt;
    sell(core, { lines: [goods(2000)], couponCodes: [issue('tenoff')] });
    expect(kept()).toEqual(counted());
    expect(campaignUses(core.db, 'tenoff', null)).toBe(2);
    const third = issue('tenoff');
    expect(
      core.dispatch('sale.record', {
        saleId: '0190f3a0-0000-7000-8000-000000000001',
        memberId: null,
        lines: [goods(2000)],
        redeemPoints: 0,
        couponCodes: [third],
      }),
    ).toMatchObject({ ok: false, error: { code: 'coupon_limit_reached' } });

    // A full refund returns the first sale's coupons, which frees a use of the limited campaign.
    refund(core, first.sale.id);
    expect(kept()).toEqual(counted());
    expect(campaignUses(core.db, 'tenoff', null)).toBe(1);
    sell(core, { lines: [goods(2000)], couponCodes: [third] });
    expect(kept()).toEqual(counted());
  });
});
