import { locales } from '../../shared/locale';
import {
  publishConsentWordingRequest,
  type ConsentWordingList,
  type MemberConsentView,
} from '../../shared/office/consent';
import {
  consentPurposes,
  firstConsentWording,
  type ConsentWording,
} from '../../shared/rules/consent';
import type { PulledConsent } from '../../shared/sync/protocol';
import { recordAudit } from '../db/audit';
import type { Database } from '../db/database';
import { publishChanges } from '../db/streams';
import { isoAt, type ServiceClock } from '../platform/clock';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { parseInput, uuidSchema } from '../platform/parse';
import { consentCurrentOf, consentEventsOf, consentWordings } from './consentLedger';

/** The date version 1 carries, as the terminals' migration wrote it. */
const FIRST_PUBLISHED = '2026-01-01T00:00:00.000Z';

function wordingChange(wording: ConsentWording) {
  return {
    stream: 'consent' as const,
    entityId: `${wording.purpose}:${wording.version}:${wording.language}`,
    data: { kind: 'wording', wording } satisfies PulledConsent,
  };
}

/** Publishers of one purpose's wording take turns on this lock (an arbitrary constant of ours). */
const WORDING_LOCK = 7_240_114;

/**
 * The consent wording head office manages. A version is never edited: a change is a new
 * version, in the three languages at once, published on the consent stream so every terminal
 * shows it at its next enrollment and records that version with each answer.
 */
export function consentWordingService(db: Database, clock: ServiceClock) {
  return {
    /**
     * Version 1 of every purpose, where head office has none yet: a new head office, or one just
     * migrated, starts with the text every terminal's migration 13 seeded (the same constant, a
     * test holds them equal), so it is not published: terminals have it already.
     */
    async ensureFirstWording(): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [WORDING_LOCK]);
        for (const purpose of consentPurposes) {
          for (const language of locales) {
            await tx.query(
              `INSERT INTO consent_wording (purpose, version, language, text, published_at)
               VALUES ($1, 1, $2, $3, $4) ON CONFLICT DO NOTHING`,
              [purpose, language, firstConsentWording[purpose][language], FIRST_PUBLISHED],
            );
          }
        }
      });
    },

    /** One member's consent (see shared/office/consent.ts); an unknown member is not_found. */
    memberConsent(id: unknown): Promise<Outcome<MemberConsentView>> {
      return guard(async () => {
        const memberId = parseInput(uuidSchema, id, 'member id');
        const { rows } = await db.query('SELECT 1 FROM member WHERE id = $1', [memberId]);
        if (rows.length === 0) throw new HeadOfficeFailure('not_found', 'No member has that id.');
        const current = await consentCurrentOf(db, memberId);
        return succeed({
          memberId,
          current: current.map((c) => ({
            channel: c.channel,
            purpose: c.purpose,
            answer: c.answer,
            eventId: c.event_id,
          })),
          history: await consentEventsOf(db, memberId),
        });
      });
    },

    listConsentWording(): Promise<Outcome<ConsentWordingList>> {
      return guard(async () => succeed({ wordings: await consentWordings(db) }));
    },

    publishConsentWording(actor: string, body: unknown): Promise<Outcome<ConsentWordingList>> {
      return guard(async () => {
        const request = parseInput(publishConsentWordingRequest, body, 'consent wording');
        const at = isoAt(clock);
        const published = await db.transaction(async (tx) => {
          await tx.query('SELECT pg_advisory_xact_lock($1)', [WORDING_LOCK]);
          const { rows } = await tx.query<{ version: number | null }>(
            'SELECT max(version) AS version FROM consent_wording WHERE purpose = $1',
            [request.purpose],
          );
          const version = (rows[0]?.version ?? 0) + 1;
          const wordings: ConsentWording[] = locales.map((language) => ({
            purpose: request.purpose,
            version,
            language,
            text: request.text[language],
            publishedAt: at,
          }));
          for (const w of wordings) {
            await tx.query(
              `INSERT INTO consent_wording (purpose, version, language, text, published_at)
               VALUES ($1, $2, $3, $4, $5)`,
              [w.purpose, w.version, w.language, w.text, w.publishedAt],
            );
          }
          await publishChanges(tx, wordings.map(wordingChange), at);
          await recordAudit(tx, {
            at,
            actor,
            action: 'consent.wording.publish',
            subject: request.purpose,
            details: { version },
          });
          return wordings;
        });
        return succeed({ wordings: published });
      });
    },
  };
}
