import type { Member } from '../../../shared/domain';
import { DomainError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { prepared } from '../db/statements';
import { stampWrite } from '../stamp';
import { appendOutbox } from '../outbox/outbox';
import { memberById } from './memberQueries';
import { memberSearchTokens } from './searchTokens';

export interface MemberEdit {
  memberId: string;
  name?: string | undefined;
  email?: string | undefined;
  birthday?: string | undefined;
  marketingConsent?: boolean | undefined;
}

/**
 * Edits a member's profile. Each field edited records this write's clock, so head office (and
 * every terminal on pull) keeps the latest edit per field. A consent change records when and
 * where it was given or withdrawn.
 */
export function updateMember(ctx: CoreContext, edit: MemberEdit): Member {
  const { db } = ctx;
  return db.transaction((): Member => {
    const before = memberById(db, edit.memberId);
    if (!before)
      throw new DomainError('member_not_found', 'That member does not exist.', {
        field: 'memberId',
      });
    const stamp = stampWrite(ctx);
    const fields: Record<string, string | boolean | null> = {};
    if (edit.name !== undefined) fields.name = edit.name;
    if (edit.email !== undefined) fields.email = edit.email === '' ? null : edit.email;
    if (edit.birthday !== undefined) fields.birthday = edit.birthday === '' ? null : edit.birthday;
    if (edit.marketingConsent !== undefined) fields.marketingConsent = edit.marketingConsent;
    const row = prepared(
      db,
      'SELECT member_no, field_hlc, phone_national FROM member WHERE id = ?',
    ).get(edit.memberId) as { member_no: number; field_hlc: string; phone_national: string };
    const fieldHlc = JSON.parse(row.field_hlc) as Record<string, string>;
    for (const field of Object.keys(fields)) fieldHlc[field] = stamp.hlc;
    const consentChanged =
      edit.marketingConsent !== undefined && edit.marketingConsent !== before.marketingConsent;
    prepared(
      db,
      `UPDATE member SET name = ?, email = ?, birthday = ?, marketing_consent = ?,
         consent_at = ?, consent_terminal_id = ?, field_hlc = ? WHERE id = ?`,
    ).run(
      'name' in fields ? fields.name : before.name,
      'email' in fields ? fields.email : before.email,
      'birthday' in fields ? fields.birthday : before.birthday,
      ('marketingConsent' in fields ? fields.marketingConsent : before.marketingConsent) ? 1 : 0,
      consentChanged ? stamp.createdAt : before.consentAt,
      consentChanged ? stamp.terminalId : before.consentTerminalId,
      JSON.stringify(fieldHlc),
      edit.memberId,
    );
    if ('name' in fields) {
      prepared(db, 'DELETE FROM member_search WHERE rowid = ?').run(row.member_no);
      prepared(db, 'INSERT INTO member_search (rowid, tokens) VALUES (?, ?)').run(
        row.member_no,
        memberSearchTokens(String(fields.name), row.phone_national),
      );
    }
    appendOutbox(db, stamp, 'member.updated', { memberId: edit.memberId, fields, hlc: stamp.hlc });
    const after = memberById(db, edit.memberId);
    if (!after) throw new Error('member vanished mid-transaction');
    return after;
  })();
}
