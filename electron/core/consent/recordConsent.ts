import type { z } from 'zod';
import type { consentAnswersInput } from '../../../shared/api/consent';
import { uuidv7 } from '../../../shared/ids';
import { DomainError } from '../../../shared/result';
import type { ConsentEvent, ConsentOfMember } from '../../../shared/rules/consent';
import type { CoreContext, Stamp } from '../context';
import { appendOutbox } from '../outbox/outbox';
import { memberById } from '../members/memberQueries';
import {
  appendConsentEvent,
  consentHistory,
  consentNow,
  currentWording,
  wordingExists,
} from './consentLedger';
import type { Locale } from '../../../shared/locale';

export type ConsentAnswers = z.output<typeof consentAnswersInput>;

/**
 * Consent events for answers taken at this terminal, after checking that each names a wording
 * version this terminal holds for its purpose in the language shown. Call inside the
 * transaction, after stampWrite: the events carry its clock (one clock for the answers given
 * together: they are one act) and are sent to head office with it as one operation.
 */
export function recordAnswers(
  ctx: CoreContext,
  stamp: Stamp,
  memberId: string,
  consent: ConsentAnswers,
): ConsentEvent[] {
  const { db } = ctx;
  for (const [index, a] of consent.answers.entries()) {
    if (!wordingExists(db, a.purpose, a.wordingVersion, consent.language)) {
      throw new DomainError(
        'consent_wording_unknown',
        'That version of the consent wording is not known here.',
        {
          field: `consent.answers.${index}.wordingVersion`,
          details: { purpose: a.purpose, version: a.wordingVersion, language: consent.language },
        },
      );
    }
  }
  const events = consent.answers.map((a): ConsentEvent => ({
    id: uuidv7(ctx.now()),
    memberId,
    channel: a.channel,
    purpose: a.purpose,
    answer: a.answer,
    at: stamp.createdAt,
    hlc: stamp.hlc,
    origin: 'terminal',
    storeId: stamp.storeId,
    terminalId: stamp.terminalId,
    staffId: stamp.staffId,
    method: consent.method,
    wordingVersion: a.wordingVersion,
    language: consent.language,
  }));
  for (const event of events) appendConsentEvent(db, event);
  appendOutbox(db, stamp, 'consent.recorded', { events });
  return events;
}

export function consentOfMember(ctx: CoreContext, memberId: string): ConsentOfMember {
  if (!memberById(ctx.db, memberId)) {
    throw new DomainError('member_not_found', 'That member does not exist.', {
      field: 'memberId',
    });
  }
  return {
    memberId,
    current: consentNow(ctx.db, memberId),
    history: consentHistory(ctx.db, memberId),
  };
}

/**
 * The old single answer ("offers by SMS and email") as the cashier's record of marketing on
 * both channels, with the current marketing wording in the language given.
 */
export function marketingAnswers(
  ctx: CoreContext,
  granted: boolean,
  language: Locale,
): ConsentAnswers {
  const wording = currentWording(ctx.db, language).find((w) => w.purpose === 'marketing');
  if (!wording) throw new Error('no marketing wording on this terminal');
  const answer = granted ? 'granted' : 'withdrawn';
  return {
    method: 'cashier_verbal',
    language,
    answers: (['sms', 'email'] as const).map((channel) => ({
      channel,
      purpose: 'marketing' as const,
      answer,
      wordingVersion: wording.version,
    })),
  };
}
