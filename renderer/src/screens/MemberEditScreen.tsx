import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { MemberEditForm } from '../components/member/MemberEditForm';

/**
 * Change a member's details: name, phone, email, birthday, language and their answer to the
 * marketing question, as the enroll screen promises they can at any time.
 */
export function MemberEditScreen() {
  const t = useT();
  const member = useAppStore((s) => s.member);
  if (!member) return <p className="empty">{t('members.none')}</p>;
  return <MemberEditForm member={member} />;
}
