import { useState, type FormEvent } from 'react';
import type { StaffMember } from '../../../../shared/staff';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { useFormat, useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';
import { ManagerPinField } from './ManagerPinField';
import { PinInput } from './PinInput';

type Action = 'pin' | 'deactivate' | null;

/** One person: role and status; change their PIN or deactivate them, with a manager's PIN. */
export function StaffRow({ member, onChanged }: { member: StaffMember; onChanged: () => void }) {
  const t = useT();
  const format = useFormat();
  const [action, setAction] = useState<Action>(null);
  const [pin, setPin] = useState('');
  const [managerPin, setManagerPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || managerPin.length < 4) return;
    setBusy(true);
    const result =
      action === 'pin'
        ? await api.invoke('staff.changePin', { staffId: member.id, pin, managerPin })
        : await api.invoke('staff.deactivate', { staffId: member.id, managerPin });
    setBusy(false);
    setManagerPin('');
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setAction(null);
    setPin('');
    onChanged();
  }

  return (
    <li className="staff-row">
      <strong>{member.name}</strong> <span>{t(`staff.role.${member.role}`)}</span>{' '}
      <span className="hint">
        {member.active
          ? t('staff.since', { date: format.day(member.createdAt) })
          : t('staff.deactivatedOn', { date: format.day(member.deactivatedAt ?? '') })}
      </span>
      {member.active && action === null && (
        <span className="row">
          <button type="button" onClick={() => setAction('pin')}>
            {/* The name read out starts with the words on the button (WCAG 2.5.3), then whose. */}
            {t('staff.changePin')}
            <span className="sr-only"> · {member.name}</span>
          </button>
          <button
            type="button"
            className="danger"
            onClick={() => setAction('deactivate')}
            aria-label={t('staff.deactivateFor', { name: member.name })}
          >
            {t('staff.deactivate')}
          </button>
        </span>
      )}
      {action !== null && (
        <form
          className="form"
          onSubmit={submit}
          aria-label={
            action === 'pin'
              ? t('staff.changePinFor', { name: member.name })
              : t('staff.deactivateFor', { name: member.name })
          }
        >
          {action === 'pin' && (
            <label>
              {t('staff.newPin')}
              <PinInput
                value={pin}
                onPin={setPin}
                autoComplete="new-password"
                maxLength={8}
                autoFocus
              />
            </label>
          )}
          {action === 'deactivate' && <p className="hint">{t('staff.deactivateExplain')}</p>}
          <ManagerPinField
            value={managerPin}
            onChange={setManagerPin}
            autoFocus={action !== 'pin'}
          />
          <FieldError error={error} />
          <button
            type="submit"
            className={action === 'deactivate' ? 'danger' : 'primary'}
            disabled={managerPin.length < 4 || (action === 'pin' && pin.length < 4)}
            aria-disabled={busy}
          >
            {action === 'pin' ? t('staff.changePin') : t('staff.deactivate')}
          </button>
          <button type="button" onClick={() => setAction(null)}>
            {t('common.cancel')}
          </button>
        </form>
      )}
    </li>
  );
}
