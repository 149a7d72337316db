import type Database from 'better-sqlite3-multiple-ciphers';
import type { Member } from '../../../shared/domain';
import { DomainError } from '../../../shared/result';
import { prepared } from '../db/statements';
import { memberById } from './memberQueries';

/**
 * The member a write is about, if they can still be written about: one this terminal knows, and
 * whom head office has not erased. An erased member's row stays (their sales and points keep
 * adding up) but takes no new personal data or consent: a clear refusal, and nothing written.
 */
export function liveMember(db: Database.Database, memberId: string): Member {
  const member = memberById(db, memberId);
  if (!member) {
    throw new DomainError('member_not_found', 'That member does not exist.', {
      field: 'memberId',
    });
  }
  const erased = prepared(db, 'SELECT 1 FROM erased_member WHERE member_id = ?').get(memberId);
  if (erased) {
    throw new DomainError(
      'member_erased',
      'Head office erased this member’s personal data: nothing more can be recorded about them.',
      { field: 'memberId' },
    );
  }
  return member;
}
