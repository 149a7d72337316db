import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type {
  DisplayBasket,
  DisplayConsentQuestion,
  DisplayQuestion,
  DisplayState,
} from '../../../shared/display/displayView';
import { DomainError } from '../../../shared/result';

/** How long a pairing code shown on the till may be typed on a display. */
export const PAIRING_CODE_MS = 5 * 60_000;
/** Wrong codes before the code on the till stops working (a new one must be shown). */
export const PAIRING_TRIES = 5;

/**
 * What the till shows its customer display, kept in the core's memory only: the sale as it is
 * rung up, the closing question, and the displays paired since the core started. Nothing here
 * is written to the ledger; a restart forgets it, and a display pairs again.
 */
export interface DisplayRoom {
  state: DisplayState;
  /** The member of the sale the question is about, for checking the display's answer. */
  questionMemberId: string | null;
  /** Whose consent the display is asking, named by the till; the display never sees it. */
  consentMemberId: string | null;
  pairing: { code: string; expiresAt: number; triesLeft: number } | null;
  /** SHA-256 of each paired display's token: a token is never kept as it was given. */
  tokens: Set<string>;
}

export function createDisplayRoom(): DisplayRoom {
  return {
    state: { basket: null, question: null, consent: null, thanked: false, revision: 0 },
    questionMemberId: null,
    consentMemberId: null,
    pairing: null,
    tokens: new Set(),
  };
}

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * The till's sale as it changes. The question after a sale stays up while the till is empty
 * (the customer may still be answering as the cashier starts over); the next item rung up
 * closes it, so asking never holds up the next sale.
 */
export function showBasket(room: DisplayRoom, basket: DisplayBasket): void {
  const revision = room.state.revision + 1;
  if (basket.lines.length === 0 && (room.state.question || room.state.thanked)) {
    room.state = { ...room.state, revision };
    return;
  }
  // Consent questions stay up while the sale changes: the till closes them or the customer does.
  room.state = { basket, question: null, consent: room.state.consent, thanked: false, revision };
  room.questionMemberId = null;
}

/** The till asks the customer's consent on the display, for the member it names. */
export function askConsent(
  room: DisplayRoom,
  consent: DisplayConsentQuestion,
  memberId: string,
): void {
  room.state = { ...room.state, consent, thanked: false, revision: room.state.revision + 1 };
  room.consentMemberId = memberId;
}

/** The consent questions close: answered (the display thanks them) or withdrawn by the till. */
export function closeConsent(room: DisplayRoom, answered: boolean): void {
  room.state = {
    ...room.state,
    consent: null,
    thanked: answered || room.state.thanked,
    revision: room.state.revision + 1,
  };
  room.consentMemberId = null;
}

export function askQuestion(
  room: DisplayRoom,
  question: DisplayQuestion,
  memberId: string | null,
): void {
  room.state = { ...room.state, question, thanked: false, revision: room.state.revision + 1 };
  room.questionMemberId = memberId;
}

/** The customer answered: the question closes and the display thanks them. */
export function closeQuestion(room: DisplayRoom): void {
  room.state = { ...room.state, question: null, thanked: true, revision: room.state.revision + 1 };
  room.questionMemberId = null;
}

/** Whether a feedback.record input answers the question the display is asking now. */
export function answersOpenQuestion(room: DisplayRoom, input: unknown): boolean {
  const question = room.state.question;
  if (!question || typeof input !== 'object' || input === null) return false;
  const answer = input as { saleId?: unknown; memberId?: unknown; scale?: unknown };
  if (answer.saleId !== question.saleId || answer.scale !== question.scale) return false;
  // The member is the sale's, or left out: a display cannot file feedback under anyone else.
  return answer.memberId === undefined || answer.memberId === room.questionMemberId;
}

/**
 * The display's answer as it is recorded: the member is the sale's, filled in here, because the
 * display is never told who the member is (its view carries a first name, no id).
 */
export function answerFromDisplay(room: DisplayRoom, input: unknown): unknown {
  const memberId = room.questionMemberId;
  return memberId ? { ...(input as object), memberId } : input;
}

export function newPairingCode(
  room: DisplayRoom,
  now: number,
): { code: string; expiresAt: number } {
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  room.pairing = { code, expiresAt: now + PAIRING_CODE_MS, triesLeft: PAIRING_TRIES };
  return { code, expiresAt: room.pairing.expiresAt };
}

/** Redeems the till's code once: a new token for the display, or pairing_code_wrong. */
export function pairDisplay(room: DisplayRoom, code: string, now: number): string {
  const pairing = room.pairing;
  const wrong = () =>
    new DomainError('pairing_code_wrong', 'That code is wrong or has expired: show a new one.', {
      field: 'code',
    });
  if (!pairing || pairing.expiresAt <= now) {
    room.pairing = null;
    throw wrong();
  }
  const same = timingSafeEqual(Buffer.from(code.padEnd(6)), Buffer.from(pairing.code));
  if (!same) {
    pairing.triesLeft -= 1;
    // Six digits are a million guesses: after a few wrong ones the code on the till is dead.
    if (pairing.triesLeft <= 0) room.pairing = null;
    throw wrong();
  }
  room.pairing = null;
  const token = randomBytes(24).toString('base64url');
  room.tokens.add(digest(token));
  return token;
}

export function isPairedDisplay(room: DisplayRoom, token: string): boolean {
  return room.tokens.has(digest(token));
}
