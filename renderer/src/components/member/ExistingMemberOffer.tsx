import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import type { AppError } from '../../../../shared/result';

/** A refusal because the phone is someone else's: the way to that member instead. */
export function ExistingMemberOffer({ error }: { error: AppError }) {
  const t = useT();
  const openMember = useAppStore((s) => s.openMember);
  const existingId = error.code === 'duplicate_phone' ? String(error.details?.memberId ?? '') : '';
  if (!existingId) return null;
  return (
    <button type="button" onClick={() => void openMember(existingId)}>
      {t('enroll.openExisting', { name: String(error.details?.name ?? '') })}
    </button>
  );
}
