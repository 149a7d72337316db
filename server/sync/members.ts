import type { z } from 'zod';
import { decodeHlc } from '../../shared/hlc';
import type { memberEnrolled, memberUpdated } from '../../shared/sync/operations';
import type { PulledMember } from '../../shared/sync/protocol';
import type { AppliedOperation, Compensation } from './appliedOperation';
import type { Queryable } from '../db/database';
import { raiseException } from '../exceptions/raiseException';
import { moveBalance } from '../ledger/pointsLedger';
import { resolveMember } from '../ledger/resolveMember';
import { appendChange, publishChanges } from '../db/streams';
import { isErased } from '../privacy/erasure';

export interface MemberRow {
  id: string;
  card_number: string;
  name: string;
  phone_e164: string;
  phone_national: string;
  email: string | null;
  birthday: string | null;
  marketing_consent: boolean;
  consent_at: string | null;
  consent_terminal_id: string | null;
  enrolled_at: string;
  enrolled_store_id: string;
  enrolled_store_name: string;
  enrolled_terminal_id: string;
  merged_into: string | null;
  referral_code: string | null;
  referred_by: string | null;
  name_hlc: string;
  email_hlc: string;
  birthday_hlc: string;
  marketing_consent_hlc: string;
  hlc: string;
}

const MEMBER_COLUMNS = `id, card_number, name, phone_e164, phone_national, email, birthday,
  marketing_consent, consent_at, consent_terminal_id, enrolled_at, enrolled_store_id,
  enrolled_store_name, enrolled_terminal_id, merged_into, referral_code, referred_by, name_hlc,
  email_hlc, birthday_hlc, marketing_consent_hlc, hlc`;

/**
 * What an enrollment writes, in this order: one insert (applyMemberEnrolled) and the batched one
 * (insertPlainMembers) list the same columns, so a new column cannot reach only one of them.
 */
const MEMBER_INSERT_COLUMNS = `id, card_number, name, phone_e164, phone_national, email, birthday,
  marketing_consent, consent_at, consent_terminal_id, enrolled_at, enrolled_store_id,
  enrolled_store_name, enrolled_terminal_id, enrolled_staff_id, enrolled_op_id, merged_into,
  merged_at, name_hlc, email_hlc, birthday_hlc, marketing_consent_hlc, hlc, arrived_at,
  referral_code, referred_by`;

/** What terminals pull: the members stream carries this shape. */
export function pulledMemberOf(row: MemberRow): PulledMember {
  return {
    id: row.id,
    cardNumber: row.card_number,
    name: row.name,
    phoneE164: row.phone_e164,
    email: row.email,
    birthday: row.birthday,
    marketingConsent: row.marketing_consent,
    consentAt: row.consent_at,
    enrolledAt: row.enrolled_at,
    enrolledStoreId: row.enrolled_store_id,
    enrolledStoreName: row.enrolled_store_name,
    enrolledTerminalId: row.enrolled_terminal_id,
    referralCode: row.referral_code,
    mergedInto: row.merged_into,
    hlc: row.hlc,
  };
}

export async function membersByIds(tx: Queryable, ids: readonly string[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query<MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM member WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return rows;
}

async function memberById(tx: Queryable, id: string, lock = false): Promise<MemberRow | null> {
  const { rows } = await tx.query<MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM member WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

async function publishMember(applied: AppliedOperation, row: MemberRow): Promise<void> {
  await appendChange(applied.tx, 'members', row.id, pulledMemberOf(row), applied.at);
}

/** The payload's clock when it is a well-formed HLC, else the operation's own. */
function clockOf(applied: Pick<AppliedOperation, 'op'>, payloadHlc: string): string {
  return decodeHlc(payloadHlc) && payloadHlc.length <= 100 ? payloadHlc : applied.op.hlc;
}

function describeMember(row: MemberRow) {
  return {
    id: row.id,
    name: row.name,
    phoneE164: row.phone_e164,
    cardNumber: row.card_number,
    enrolledAt: row.enrolled_at,
    storeId: row.enrolled_store_id,
    storeName: row.enrolled_store_name,
    terminalId: row.enrolled_terminal_id,
  };
}

/**
 * A member enrolled at a terminal. When the phone already belongs to a member, the one that
 * reached head office first survives: the newcomer is kept, with its own history, and points at
 * the survivor, whose balance from now on counts the newcomer's entries too.
 */
export async function applyMemberEnrolled(
  applied: AppliedOperation,
  payload: z.output<typeof memberEnrolled>,
): Promise<Compensation | null> {
  const { tx, terminal } = applied;
  if (await memberById(tx, payload.id)) return null;
  const { rows: survivors } = await tx.query<MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM member
     WHERE phone_e164 = $1 AND merged_into IS NULL FOR UPDATE`,
    [payload.phoneE164],
  );
  const survivor = survivors[0] ?? null;
  const hlc = clockOf(applied, payload.hlc);
  const { rows } = await tx.query<MemberRow>(
    `INSERT INTO member (${MEMBER_INSERT_COLUMNS})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
       $19, $19, $19, $19, $19, $20, $21, $22)
     RETURNING ${MEMBER_COLUMNS}`,
    [
      payload.id,
      payload.cardNumber,
      payload.name,
      payload.phoneE164,
      payload.phoneNational,
      payload.email,
      payload.birthday,
      payload.marketingConsent,
      payload.consentAt,
      payload.consentTerminalId,
      payload.enrolledAt,
      terminal.storeId,
      terminal.storeName,
      terminal.id,
      payload.staffId,
      applied.op.opId,
      survivor?.id ?? null,
      survivor ? applied.at : null,
      hlc,
      applied.at,
      payload.referralCode ?? null,
      payload.referredBy ?? null,
    ],
  );
  const member = rows[0];
  if (!member) throw new Error('member missing right after insert');
  await publishMember(applied, member);
  await checkCardNumber(applied, member);
  if (!survivor) return null;

  // Entries that arrived for this id before its enrollment now count for the survivor.
  await moveBalance(applied, member.id, survivor.id);
  await publishMember(applied, survivor);
  const exceptionId = await raiseException(applied, {
    kind: 'member_merged',
    storeId: terminal.storeId,
    terminalId: terminal.id,
    opId: applied.op.opId,
    memberId: survivor.id,
    saleId: null,
    facts: {
      phoneE164: payload.phoneE164,
      survivor: describeMember(survivor),
      merged: describeMember(member),
    },
  });
  return {
    kind: 'member_merged',
    exceptionId,
    message: `Phone ${payload.phoneE164} already belonged to member ${survivor.card_number} (${survivor.name}, enrolled at ${survivor.enrolled_store_name}); member ${member.card_number} was merged into it.`,
  };
}

/**
 * Card numbers carry the terminal number, so two terminals never mint the same one, unless a
 * terminal minted cards before enrollment gave it its number. Two members with one card number
 * would make a scan find the wrong person: a manager must reissue one of the cards.
 */
async function checkCardNumber(applied: AppliedOperation, member: MemberRow): Promise<void> {
  const { rows } = await applied.tx.query<MemberRow>(
    `SELECT ${MEMBER_COLUMNS} FROM member WHERE card_number = $1 AND id <> $2 ORDER BY arrived_at`,
    [member.card_number, member.id],
  );
  const holder = rows[0];
  if (!holder) return;
  await raiseException(applied, {
    kind: 'duplicate_card_number',
    storeId: applied.terminal.storeId,
    terminalId: applied.terminal.id,
    opId: applied.op.opId,
    memberId: member.id,
    saleId: null,
    facts: {
      cardNumber: member.card_number,
      holder: describeMember(holder),
      newcomer: describeMember(member),
      terminalNumber: applied.terminal.number,
    },
  });
}

type EditableField = keyof z.output<typeof memberUpdated>['fields'];

/**
 * A profile edit. Last writer wins per field by hybrid logical clock: each field keeps the clock
 * of the edit that set it, and an older edit of that field changes nothing (it is still
 * accepted: it happened, it just lost). An edit to a merged member lands on the survivor.
 */
export async function applyMemberUpdated(
  applied: AppliedOperation,
  payload: z.output<typeof memberUpdated>,
): Promise<{ unknownMember: boolean }> {
  const { tx } = applied;
  const { resolvedId, known } = await resolveMember(tx, payload.memberId);
  if (!known) return { unknownMember: true };
  const current = await memberById(tx, resolvedId, true);
  if (!current) throw new Error('resolved member missing');
  // An erased member's edits arrive from terminals that had not yet learned the erasure: the
  // edit happened, but it brings back nothing (issue 14 §2).
  if (await isErased(tx, resolvedId)) return { unknownMember: false };
  const hlc = clockOf(applied, payload.hlc);
  const next = { ...current };
  const wins = (field: EditableField, fieldHlc: string) =>
    payload.fields[field] !== undefined && hlc > fieldHlc;
  if (wins('name', current.name_hlc) && payload.fields.name !== undefined) {
    next.name = payload.fields.name;
    next.name_hlc = hlc;
  }
  if (wins('email', current.email_hlc) && payload.fields.email !== undefined) {
    next.email = payload.fields.email;
    next.email_hlc = hlc;
  }
  if (wins('birthday', current.birthday_hlc) && payload.fields.birthday !== undefined) {
    next.birthday = payload.fields.birthday;
    next.birthday_hlc = hlc;
  }
  if (
    wins('marketingConsent', current.marketing_consent_hlc) &&
    payload.fields.marketingConsent !== undefined
  ) {
    next.marketing_consent = payload.fields.marketingConsent;
    next.marketing_consent_hlc = hlc;
    next.consent_at = applied.op.createdAt;
    next.consent_terminal_id = applied.terminal.id;
  }
  next.hlc = [
    next.hlc,
    next.name_hlc,
    next.email_hlc,
    next.birthday_hlc,
    next.marketing_consent_hlc,
  ]
    .sort()
    .at(-1) as string;
  const changed = (Object.keys(next) as (keyof MemberRow)[]).some((k) => next[k] !== current[k]);
  if (!changed) return { unknownMember: false };
  const { rows } = await tx.query<MemberRow>(
    `UPDATE member SET name = $2, email = $3, birthday = $4, marketing_consent = $5,
       consent_at = $6, consent_terminal_id = $7, name_hlc = $8, email_hlc = $9,
       birthday_hlc = $10, marketing_consent_hlc = $11, hlc = $12
     WHERE id = $1 RETURNING ${MEMBER_COLUMNS}`,
    [
      resolvedId,
      next.name,
      next.email,
      next.birthday,
      next.marketing_consent,
      next.consent_at,
      next.consent_terminal_id,
      next.name_hlc,
      next.email_hlc,
      next.birthday_hlc,
      next.marketing_consent_hlc,
      next.hlc,
    ],
  );
  const updated = rows[0];
  if (!updated) throw new Error('member vanished while updating it');
  await publishMember(applied, updated);
  return { unknownMember: false };
}

/** Namespace of the advisory locks that serialise enrollments of one phone or one card number. */
const ENROLLMENT_LOCKS = 7_240_114;

type EnrollmentKeys = Pick<z.output<typeof memberEnrolled>, 'id' | 'phoneE164' | 'cardNumber'>;

/**
 * Pushes from different terminals apply at the same time. Two enrollments of one phone must
 * still see each other (the later one merges into the earlier), and so must two of one card
 * number (the later one is raised): the push takes these locks, for every enrollment in its
 * batch, in one order, before it reads who holds a phone or a card.
 */
export async function lockEnrollments(
  tx: Queryable,
  enrollments: readonly EnrollmentKeys[],
): Promise<void> {
  if (enrollments.length === 0) return;
  const keys = [
    ...new Set(enrollments.flatMap((e) => [`phone:${e.phoneE164}`, `card:${e.cardNumber}`])),
  ];
  await tx.query(
    `SELECT pg_advisory_xact_lock(${ENROLLMENT_LOCKS}, k)
     FROM (SELECT DISTINCT hashtext(key) AS k FROM unnest($1::text[]) AS key ORDER BY 1) AS keys`,
    [keys],
  );
}

/**
 * Which of a batch's enrollments (by index) are plain: a new id, a phone no unmerged member
 * holds and a card number nobody holds, none of them repeated earlier in the batch. Those are
 * inserted as they are (insertPlainMembers); the others go through applyMemberEnrolled, one by
 * one, for their merge or exception. Call with the locks of lockEnrollments held.
 */
export async function plainEnrollments(
  tx: Queryable,
  enrollments: readonly EnrollmentKeys[],
): Promise<Set<number>> {
  const plain = new Set<number>();
  if (enrollments.length === 0) return plain;
  const { rows } = await tx.query<{ id: string; phone: string | null; card_number: string }>(
    `SELECT id, CASE WHEN merged_into IS NULL THEN phone_e164 END AS phone, card_number
     FROM member
     WHERE id = ANY($1::uuid[]) OR card_number = ANY($3::text[])
       OR (phone_e164 = ANY($2::text[]) AND merged_into IS NULL)`,
    [
      enrollments.map((e) => e.id),
      enrollments.map((e) => e.phoneE164),
      enrollments.map((e) => e.cardNumber),
    ],
  );
  const ids = new Set(rows.map((r) => r.id));
  const phones = new Set(rows.map((r) => r.phone));
  const cards = new Set(rows.map((r) => r.card_number));
  enrollments.forEach((e, index) => {
    if (!ids.has(e.id) && !phones.has(e.phoneE164) && !cards.has(e.cardNumber)) {
      plain.add(index);
    }
    ids.add(e.id);
    phones.add(e.phoneE164);
    cards.add(e.cardNumber);
  });
  return plain;
}

/** A plain enrollment (see plainEnrollments) and the operation that carried it. */
export interface PlainEnrollment {
  op: AppliedOperation['op'];
  payload: z.output<typeof memberEnrolled>;
}

/**
 * Inserts plain enrollments in one statement, as applyMemberEnrolled would one by one when no
 * one holds the phone or the card. Returns the rows in the order given.
 */
export async function insertPlainMembers(
  applied: Pick<AppliedOperation, 'tx' | 'at' | 'terminal'>,
  enrollments: readonly PlainEnrollment[],
): Promise<MemberRow[]> {
  if (enrollments.length === 0) return [];
  const { tx, terminal } = applied;
  const { rows } = await tx.query<MemberRow>(
    `INSERT INTO member (${MEMBER_INSERT_COLUMNS})
     SELECT r.id, r.card_number, r.name, r.phone_e164, r.phone_national, r.email, r.birthday,
       r.marketing_consent, r.consent_at, r.consent_terminal_id, r.enrolled_at, $2, $3, $4,
       r.staff_id, r.op_id, NULL, NULL, r.hlc, r.hlc, r.hlc, r.hlc, r.hlc, $5, r.referral_code,
       r.referred_by
     FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, card_number text, name text,
       phone_e164 text, phone_national text, email text, birthday text, marketing_consent boolean,
       consent_at text, consent_terminal_id uuid, enrolled_at text, staff_id uuid, op_id uuid,
       hlc text, referral_code text, referred_by uuid)
     RETURNING ${MEMBER_COLUMNS}`,
    [
      JSON.stringify(
        enrollments.map(({ op, payload }) => ({
          id: payload.id,
          card_number: payload.cardNumber,
          name: payload.name,
          phone_e164: payload.phoneE164,
          phone_national: payload.phoneNational,
          email: payload.email,
          birthday: payload.birthday,
          marketing_consent: payload.marketingConsent,
          consent_at: payload.consentAt,
          consent_terminal_id: payload.consentTerminalId,
          enrolled_at: payload.enrolledAt,
          staff_id: payload.staffId,
          op_id: op.opId,
          hlc: clockOf({ op }, payload.hlc),
          referral_code: payload.referralCode ?? null,
          referred_by: payload.referredBy ?? null,
        })),
      ),
      terminal.storeId,
      terminal.storeName,
      terminal.id,
      applied.at,
    ],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return enrollments.map(({ payload }) => {
    const row = byId.get(payload.id);
    if (!row) throw new Error(`member ${payload.id} missing right after insert`);
    return row;
  });
}

/** A member brought from the old system (server/members/memberImport.ts). */
export interface ImportedMember {
  id: string;
  cardNumber: string;
  name: string;
  phoneE164: string;
  phoneNational: string;
  email: string | null;
  birthday: string | null;
  storeId: string;
  terminalId: string;
  /**
   * The marketing flag the consent events imported with the member will leave
   * (`marketingConsentOf`): set at insert, the consent writer finds nothing to change and the new
   * row is not written twice.
   */
  marketingConsent: boolean;
}

/** Who enrolled an imported member: nobody at a counter (the nil id). */
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * Inserts imported members in one statement, with the columns an enrollment writes: enrolled now
 * at their home store by its import terminal, by the import (`opId`), at clock `hlc`. Publishes
 * them on the members stream, so terminals learn them as they learn enrollments. Returns the rows
 * in the order given.
 */
export async function insertImportedMembers(
  tx: Queryable,
  members: readonly ImportedMember[],
  meta: { at: string; opId: string; hlc: string },
): Promise<MemberRow[]> {
  if (members.length === 0) return [];
  const { rows } = await tx.query<MemberRow>(
    `INSERT INTO member (${MEMBER_INSERT_COLUMNS})
     SELECT r.id, r.card_number, r.name, r.phone_e164, r.phone_national, r.email, r.birthday,
       r.marketing_consent, NULL, NULL, $2, r.store_id, s.name, r.terminal_id, $3, $4, NULL, NULL,
       $5, $5, $5, $5, $5, $6, NULL, NULL
     FROM unnest($1::uuid[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
       $12::text[], $13::uuid[], $14::uuid[], $15::boolean[])
       AS r (id, card_number, name, phone_e164, phone_national, email, birthday, store_id,
         terminal_id, marketing_consent)
     JOIN store s ON s.id = r.store_id
     RETURNING ${MEMBER_COLUMNS}`,
    [
      members.map((m) => m.id),
      meta.at,
      NOBODY,
      meta.opId,
      meta.hlc,
      meta.at,
      members.map((m) => m.cardNumber),
      members.map((m) => m.name),
      members.map((m) => m.phoneE164),
      members.map((m) => m.phoneNational),
      members.map((m) => m.email),
      members.map((m) => m.birthday),
      members.map((m) => m.storeId),
      members.map((m) => m.terminalId),
      members.map((m) => m.marketingConsent),
    ],
  );
  await publishChanges(
    tx,
    rows.map((row) => ({
      stream: 'members' as const,
      entityId: row.id,
      data: pulledMemberOf(row),
    })),
    meta.at,
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return members.map((m) => {
    const row = byId.get(m.id);
    if (!row) throw new Error(`imported member ${m.id} missing right after insert`);
    return row;
  });
}
