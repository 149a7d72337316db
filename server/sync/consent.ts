import type { z } from 'zod';
import { decodeHlc } from '../../shared/hlc';
import type { ConsentEvent } from '../../shared/rules/consent';
import type { consentRecorded, memberUpdated } from '../../shared/sync/operations';
import type { AppliedOperation } from './appliedOperation';
import { resolveMember } from '../ledger/resolveMember';
import { appendConsentEvents } from '../consent/consentLedger';

/**
 * Consent answers a terminal recorded. Where and by which terminal is head office's knowledge,
 * not the payload's claim: an event recorded at a terminal names the pushing terminal and its
 * store. Events for a member head office does not know are not stored; their ids are returned
 * so the caller raises them as an exception (the operation is kept there with its payload).
 */
export async function applyConsentRecorded(
  applied: AppliedOperation,
  payload: z.output<typeof consentRecorded>,
): Promise<{ unknownMembers: string[] }> {
  const unknownMembers = new Set<string>();
  const known: ConsentEvent[] = [];
  for (const event of payload.events) {
    if (!(await resolveMember(applied.tx, event.memberId)).known) {
      unknownMembers.add(event.memberId);
      continue;
    }
    known.push({
      ...event,
      origin: 'terminal',
      storeId: applied.terminal.storeId,
      terminalId: applied.terminal.id,
    });
  }
  await appendConsentEvents(applied.tx, known, applied.at, applied.op.opId);
  return { unknownMembers: [...unknownMembers] };
}

/**
 * A terminal from before the consent ledger (or one upgraded with edits still in its outbox)
 * sends the single marketing answer as a profile field: it is the cashier's record of marketing
 * on SMS and email, so it becomes those two events, at the edit's clock. The wording shown then
 * was not versioned: none is named.
 */
export async function consentFromMemberUpdated(
  applied: AppliedOperation,
  payload: z.output<typeof memberUpdated>,
): Promise<void> {
  const granted = payload.fields.marketingConsent;
  if (granted === undefined) return;
  if (!(await resolveMember(applied.tx, payload.memberId)).known) return;
  const hlc = decodeHlc(payload.hlc) && payload.hlc.length <= 80 ? payload.hlc : applied.op.hlc;
  const events = (['sms', 'email'] as const).map((channel): ConsentEvent => ({
    id: applied.random.uuidv7(applied.now),
    memberId: payload.memberId,
    channel,
    purpose: 'marketing',
    answer: granted ? 'granted' : 'withdrawn',
    at: applied.op.createdAt,
    hlc,
    origin: 'terminal',
    storeId: applied.terminal.storeId,
    terminalId: applied.terminal.id,
    staffId: applied.op.staffId,
    method: 'cashier_verbal',
    wordingVersion: null,
    language: 'en',
  }));
  await appendConsentEvents(applied.tx, events, applied.at, applied.op.opId);
}
