import type { Member } from '../../../shared/domain';
import type { Locale } from '../../../shared/locale';
import { normalisePhone } from '../../../shared/phone';
import { DomainError } from '../../../shared/result';
import { audit } from '../audit/auditLog';
import type { CoreContext } from '../context';
import { prepared } from '../db/statements';
import { stampWrite } from '../stamp';
import { appendOutbox } from '../outbox/outbox';
import { requireTerminal } from '../terminal/terminalStore';
import { memberById, memberByPhone } from './memberQueries';
import { liveMember } from './liveMember';
import { memberSearchTokens } from './searchTokens';
import { marketingAnswers, recordAnswers } from '../consent/recordConsent';

export interface MemberEdit {
  memberId: string;
  name?: string | undefined;
  phone?: string | undefined;
  email?: string | undefined;
  birthday?: string | undefined;
  preferredLanguage?: Locale | undefined;
  marketingConsent?: boolean | undefined;
}

/** A field as member.updated carries it to head office, with its new value. */
interface SentFields {
  name?: string;
  phoneE164?: string;
  email?: string | null;
  birthday?: string | null;
  preferredLanguage?: Locale;
}

/** Fields whose values are the member's personal data: the audit names them, never their values. */
const personalFields = ['name', 'phone', 'email', 'birthday'] as const;

/**
 * The member's new phone in E.164, when it is a change. A number that is not valid for the
 * shop's country, or that another member holds, is refused as at enrollment, naming the holder
 * so the cashier can open them instead.
 */
function newPhone(ctx: CoreContext, member: Member, typed: string | undefined) {
  if (typed === undefined) return null;
  const phone = normalisePhone(typed, requireTerminal(ctx.db).phoneCountry);
  if (!phone) {
    throw new DomainError('invalid_phone', 'That is not a valid phone number.', {
      field: 'phone',
      details: { country: requireTerminal(ctx.db).phoneCountry },
    });
  }
  if (phone.e164 === member.phone) return null;
  const holder = memberByPhone(ctx.db, phone.e164);
  if (holder && holder.id !== member.id) {
    throw new DomainError('duplicate_phone', 'A member with this phone is already enrolled.', {
      field: 'phone',
      details: { memberId: holder.id, name: holder.name, cardNumber: holder.cardNumber },
    });
  }
  return phone;
}

/**
 * Edits a member's profile. Only fields whose value changes are written. Each records this
 * write's clock, so head office (and every terminal on pull) keeps the latest edit per field. A
 * consent change records when and where it was given or withdrawn. The audit keeps the
 * marketing answer and the language before and after, and names the personal fields edited
 * without their values: the audit trail is append-only and must not become a second copy of
 * the member's details.
 */
export function updateMember(ctx: CoreContext, edit: MemberEdit): Member {
  const { db } = ctx;
  return db.transaction((): Member => {
    const before = liveMember(db, edit.memberId);
    const phone = newPhone(ctx, before, edit.phone);
    const email = edit.email === undefined ? undefined : edit.email === '' ? null : edit.email;
    const birthday =
      edit.birthday === undefined ? undefined : edit.birthday === '' ? null : edit.birthday;

    const fields: SentFields = {};
    if (edit.name !== undefined && edit.name !== before.name) fields.name = edit.name;
    if (phone) fields.phoneE164 = phone.e164;
    if (email !== undefined && email !== before.email) fields.email = email;
    if (birthday !== undefined && birthday !== before.birthday) fields.birthday = birthday;
    if (
      edit.preferredLanguage !== undefined &&
      edit.preferredLanguage !== before.preferredLanguage
    ) {
      fields.preferredLanguage = edit.preferredLanguage;
    }
    // The marketing answer is no profile field: it becomes consent events (see consent/).
    const consent =
      edit.marketingConsent !== undefined && edit.marketingConsent !== before.marketingConsent
        ? edit.marketingConsent
        : undefined;
    if (Object.keys(fields).length === 0 && consent === undefined) return before;

    const stamp = stampWrite(ctx);
    if (consent !== undefined) {
      recordAnswers(
        ctx,
        stamp,
        edit.memberId,
        marketingAnswers(ctx, consent, requireTerminal(db).locale),
      );
    }
    const row = prepared(
      db,
      'SELECT member_no, field_hlc, phone_national FROM member WHERE id = ?',
    ).get(edit.memberId) as { member_no: number; field_hlc: string; phone_national: string };
    const national = phone?.national ?? row.phone_national;
    const fieldHlc = JSON.parse(row.field_hlc) as Record<string, string>;
    for (const field of Object.keys(fields)) fieldHlc[field] = stamp.hlc;
    prepared(
      db,
      `UPDATE member SET name = ?, phone_e164 = ?, phone_national = ?, email = ?, birthday = ?,
         preferred_language = ?, field_hlc = ?
       WHERE id = ?`,
    ).run(
      fields.name ?? before.name,
      phone?.e164 ?? before.phone,
      national,
      email === undefined ? before.email : email,
      birthday === undefined ? before.birthday : birthday,
      fields.preferredLanguage ?? before.preferredLanguage,
      JSON.stringify(fieldHlc),
      edit.memberId,
    );
    if (fields.name !== undefined || phone) {
      // The search index holds the name and the phone: both are found by what they are now.
      prepared(db, 'DELETE FROM member_search WHERE rowid = ?').run(row.member_no);
      prepared(db, 'INSERT INTO member_search (rowid, tokens) VALUES (?, ?)').run(
        row.member_no,
        memberSearchTokens(fields.name ?? before.name, national),
      );
    }

    const edited = personalFields.filter((field) =>
      field === 'phone' ? phone !== null : fields[field] !== undefined,
    );
    const answers = (of: Pick<Member, 'marketingConsent' | 'preferredLanguage'>) => ({
      ...(consent !== undefined ? { marketingConsent: of.marketingConsent } : {}),
      ...(fields.preferredLanguage !== undefined
        ? { preferredLanguage: of.preferredLanguage }
        : {}),
    });
    audit(db, stamp, {
      action: 'member.update',
      subjectType: 'member',
      subjectId: edit.memberId,
      approvedBy: null,
      before: answers(before),
      after: {
        ...answers({
          marketingConsent: consent ?? before.marketingConsent,
          preferredLanguage: fields.preferredLanguage ?? before.preferredLanguage,
        }),
        ...(edited.length > 0 ? { edited } : {}),
      },
      reason: null,
    });
    if (Object.keys(fields).length > 0) {
      appendOutbox(db, stamp, 'member.updated', {
        memberId: edit.memberId,
        fields,
        hlc: stamp.hlc,
      });
    }
    const after = memberById(db, edit.memberId);
    if (!after) throw new Error('member vanished mid-transaction');
    return after;
  })();
}
