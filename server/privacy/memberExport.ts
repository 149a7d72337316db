import { locales, type Locale } from '../../shared/locale';
import type { MemberExport } from '../../shared/office/dataRequests';
import type { Database, Queryable } from '../db/database';
import { isoAt, type ServiceClock } from '../platform/clock';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { parseInput, uuidSchema } from '../platform/parse';
import { requireLiveMember } from './dataRequestLog';

type Row = Record<string, unknown>;

/**
 * One part of a member's export: a name and the rows it holds about the member's ids (the member
 * and the duplicates merged into it). A table added later (feedback, messages sent, views of
 * their record) is one more entry in `exportSections`; the JSON and the PDF follow.
 */
export interface ExportSection {
  name: string;
  read(tx: Queryable, memberIds: readonly string[]): Promise<Row[]>;
}

function rowsOf(sql: string): ExportSection['read'] {
  return async (tx, memberIds) => (await tx.query<Row>(sql, [memberIds])).rows;
}

export const exportSections: ExportSection[] = [
  {
    name: 'profile',
    read: rowsOf(
      `SELECT id, card_number AS "cardNumber", name, phone_e164 AS "phoneE164",
         phone_national AS "phoneNational", email, birthday, enrolled_at AS "enrolledAt",
         enrolled_store_name AS "enrolledStore", referral_code AS "referralCode",
         referred_by IS NOT NULL AS "referredByAMember", marketing_consent AS "marketingConsent",
         merged_into IS NOT NULL AS "mergedDuplicate"
       FROM member WHERE id = ANY($1::uuid[]) ORDER BY arrived_at, id`,
    ),
  },
  {
    name: 'consentHistory',
    read: rowsOf(
      `SELECT e.id, e.channel, e.purpose, e.answer, e.at, e.origin, s.name AS store, e.method,
         e.wording_version AS "wordingVersion", e.language
       FROM consent_event e LEFT JOIN store s ON s.id = e.store_id
       WHERE e.member_id = ANY($1::uuid[]) ORDER BY e.hlc, e.id`,
    ),
  },
  {
    name: 'consentNow',
    read: rowsOf(
      `SELECT channel, purpose, answer FROM consent_current
       WHERE member_id = ANY($1::uuid[]) ORDER BY channel, purpose`,
    ),
  },
  {
    name: 'sales',
    read: rowsOf(
      `SELECT s.id, s.number, s.kind, s.refund_of AS "refundOf", s.created_at AS "at",
         st.name AS store, s.currency, s.total_minor AS "totalMinor", s.lines,
         jsonb_build_object('paidMinor', s.paid_minor, 'pointsValueMinor', s.redeem_value_minor,
           'giftCardMinor', s.gift_card_minor, 'pointsRedeemed', s.points_redeemed,
           'coupons', coalesce((SELECT jsonb_agg(jsonb_build_object('code', u.code, 'kind', u.kind,
              'discountMinor', u.discount_minor) ORDER BY u.number)
              FROM coupon_use u WHERE u.sale_id = s.id), '[]'::jsonb)) AS tenders,
         s.points_earned AS "pointsEarned"
       FROM sale s JOIN store st ON st.id = s.store_id
       WHERE s.member_id = ANY($1::uuid[]) ORDER BY s.recorded_at, s.id`,
    ),
  },
  {
    name: 'pointsLedger',
    read: rowsOf(
      `SELECT id, kind, points, sale_id AS "saleId", reverses_id AS "reversesId",
         recorded_at AS "recordedAt"
       FROM points_entry WHERE member_id = ANY($1::uuid[]) ORDER BY recorded_at, id`,
    ),
  },
  {
    name: 'pointsBalance',
    read: rowsOf(
      'SELECT points FROM member_balance WHERE member_id = ANY($1::uuid[]) ORDER BY member_id',
    ),
  },
  {
    name: 'coupons',
    read: rowsOf(
      `SELECT id, code, campaign_id AS "campaignId", valid_from AS "validFrom",
         valid_to AS "validTo", issued_at AS "issuedAt", redeemed_sale_id AS "redeemedSaleId",
         voided_at AS "voidedAt"
       FROM coupon WHERE member_id = ANY($1::uuid[]) ORDER BY first_seen_at, id`,
    ),
  },
  {
    name: 'giftCards',
    read: rowsOf(
      `SELECT g.code, g.currency, v.kind, v.amount_minor AS "amountMinor", v.sale_id AS "saleId",
         v.created_at AS "at"
       FROM stored_value_entry v JOIN gift_card g ON g.id = v.gift_card_id
       JOIN sale s ON s.id = v.sale_id
       WHERE s.member_id = ANY($1::uuid[]) ORDER BY v.recorded_at, v.id`,
    ),
  },
  {
    // Friends they referred, without naming them: their data is theirs.
    name: 'referrals',
    read: rowsOf(
      `SELECT enrolled_at AS "friendEnrolledAt", enrolled_store_name AS "friendEnrolledStore"
       FROM member WHERE referred_by = ANY($1::uuid[]) ORDER BY arrived_at, id`,
    ),
  },
  {
    name: 'dataRequests',
    read: rowsOf(
      `SELECT number, kind, to_char(received_on, 'YYYY-MM-DD') AS "receivedOn",
         to_char(due_on, 'YYYY-MM-DD') AS "dueOn", status
       FROM data_request WHERE member_id = ANY($1::uuid[]) ORDER BY number`,
    ),
  },
];

/** JSON-ready: dates as ISO text, everything else as read. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/**
 * The language the shop speaks to them in: the latest their terminals sent (member.updated, or
 * member.enrolled), else English.
 */
async function languageOf(tx: Queryable, memberIds: readonly string[]): Promise<Locale> {
  const { rows } = await tx.query<{ language: string | null }>(
    `SELECT coalesce(payload->'fields'->>'preferredLanguage', payload->>'preferredLanguage')
       AS language
     FROM sync_op
     WHERE type IN ('member.enrolled', 'member.updated') AND jsonb_typeof(payload) = 'object'
       AND coalesce(payload->>'id', payload->>'memberId') = ANY($1::text[])
       AND coalesce(payload->'fields'->>'preferredLanguage', payload->>'preferredLanguage') IS NOT NULL
     ORDER BY hlc DESC LIMIT 1`,
    [memberIds],
  );
  const language = rows[0]?.language;
  return (locales as readonly string[]).includes(language ?? '') ? (language as Locale) : 'en';
}

export function memberExportService(db: Database, clock: ServiceClock) {
  return {
    /** Everything about one member, in one snapshot; unknown or erased members are refused. */
    exportMember(id: unknown): Promise<Outcome<MemberExport>> {
      return guard(async () => {
        const memberId = parseInput(uuidSchema, id, 'member id');
        const result = await db.transaction(
          async (tx) => {
            await requireLiveMember(tx, memberId);
            const { rows } = await tx.query<{ id: string; merged_into: string | null }>(
              `SELECT id, merged_into FROM member WHERE id = $1
               UNION SELECT id, merged_into FROM member WHERE merged_into = $1`,
              [memberId],
            );
            if (rows.some((r) => r.id === memberId && r.merged_into !== null)) {
              throw new HeadOfficeFailure(
                'not_found',
                'That member was merged into another; export the member it was merged into.',
              );
            }
            const ids = rows.map((r) => r.id);
            const sections = [];
            for (const section of exportSections) {
              const sectionRows = await section.read(tx, ids);
              sections.push({ name: section.name, rows: sectionRows.map((r) => plain(r) as Row) });
            }
            return {
              memberId,
              exportedAt: isoAt(clock),
              language: await languageOf(tx, ids),
              sections,
            };
          },
          { isolation: 'repeatable read', readOnly: true },
        );
        return succeed(result);
      });
    },
  };
}
