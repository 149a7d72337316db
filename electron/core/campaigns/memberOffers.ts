import type Database from 'better-sqlite3-multiple-ciphers';
import type { MemberOffer } from '../../../shared/rules/campaignOffer';
import type { PulledOffer } from '../../../shared/sync/protocol';
import { prepared } from '../db/statements';

/**
 * The member_offer table (migration 0017): head office's multiplier offers, as pulled. The one
 * writer is applyOffer (the pull); the sale path only reads.
 */
export function applyOffer(db: Database.Database, offer: PulledOffer): void {
  prepared(
    db,
    `INSERT INTO member_offer (campaign_id, member_id, variant_id, campaign_name, percent,
       from_date, to_date, withdrawn)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (member_id, campaign_id) DO UPDATE SET variant_id = excluded.variant_id,
       campaign_name = excluded.campaign_name, percent = excluded.percent,
       from_date = excluded.from_date, to_date = excluded.to_date,
       withdrawn = max(member_offer.withdrawn, excluded.withdrawn)`,
  ).run(
    offer.campaignId,
    offer.memberId,
    offer.variantId,
    offer.campaignName,
    offer.percent,
    offer.from,
    offer.to,
    offer.withdrawn ? 1 : 0,
  );
}

interface OfferRow {
  campaign_id: string;
  variant_id: string;
  campaign_name: string;
  percent: number;
  from_date: string;
  to_date: string;
}

/** The member's offers that have not been withdrawn and have not ended by `date`. */
export function offersOfMember(
  db: Database.Database,
  memberId: string,
  date: string,
): MemberOffer[] {
  const rows = prepared(
    db,
    `SELECT campaign_id, variant_id, campaign_name, percent, from_date, to_date
     FROM member_offer WHERE member_id = ? AND withdrawn = 0 AND to_date >= ?`,
  ).all(memberId, date) as OfferRow[];
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    variantId: r.variant_id,
    campaignName: r.campaign_name,
    percent: r.percent,
    from: r.from_date,
    to: r.to_date,
  }));
}
