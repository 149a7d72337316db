import { useState, type FormEvent } from 'react';
import type { StaffRole } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';
import { ManagerPinField } from './ManagerPinField';
import { PinInput } from './PinInput';

/** A new cashier or manager: name, their own PIN (unique here), and a manager's PIN to confirm. */
export function StaffAddForm({ onAdded }: { onAdded: () => void }) {
  const t = useT();
  const [name, setName] = useState('');
  const [role, setRole] = useState<StaffRole>('cashier');
  const [pin, setPin] = useState('');
  const [managerPin, setManagerPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ready = name.trim() !== '' && pin.length >= 4 && managerPin.length >= 4;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready || busy) return;
    setBusy(true);
    const result = await api.invoke('staff.add', { name, role, pin, managerPin });
    setBusy(false);
    setManagerPin('');
    if (!result.ok) {
      setError(result.error);
      setDone(null);
      return;
    }
    setError(null);
    setDone(result.value.name);
    setName('');
    setPin('');
    onAdded();
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="staff-add-title">
      <h2 id="staff-add-title">{t('staff.add.title')}</h2>
      <label>
        {t('staff.add.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={60} required />
      </label>
      <label>
        {t('staff.add.role')}
        <select value={role} onChange={(e) => setRole(e.target.value as StaffRole)}>
          <option value="cashier">{t('staff.role.cashier')}</option>
          <option value="manager">{t('staff.role.manager')}</option>
        </select>
      </label>
      <label>
        {t('staff.add.pin')}
        <PinInput
          value={pin}
          onPin={setPin}
          autoComplete="new-password"
          maxLength={8}
          aria-describedby="staff-add-pin-hint"
        />
      </label>
      <p className="hint" id="staff-add-pin-hint">
        {t('staff.add.pinHint')}
      </p>
      <ManagerPinField value={managerPin} onChange={setManagerPin} />
      <FieldError error={error} />
      {done && (
        <p className="ok" role="status">
          {t('staff.add.done', { name: done })}
        </p>
      )}
      <button type="submit" className="primary" disabled={!ready} aria-disabled={busy}>
        {t('staff.add.submit')}
      </button>
    </form>
  );
}
