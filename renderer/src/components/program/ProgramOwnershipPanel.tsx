import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n/useT';
import type { ProgramOwnership } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/result';
import { AuditChanges } from '../audit/AuditChanges';
import { ManagerPinField } from '../staff/ManagerPinField';
import { FieldError } from '../FieldError';

/**
 * Who owns the loyalty program. When head office's differs from this terminal's, the terminal
 * keeps its own until a manager chooses: take head office's, or keep ours and send it to head
 * office as a proposal. Either way the program replaced stays in the audit log.
 */
export function ProgramOwnershipPanel({ onChanged }: { onChanged?: () => void }) {
  const t = useT();
  const [ownership, setOwnership] = useState<ProgramOwnership | null>(null);
  const [pin, setPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    void api.invoke('program.ownership', {}).then((result) => {
      if (result.ok) setOwnership(result.value);
    });
  }, []);
  useEffect(load, [load]);

  async function decide(event: FormEvent, choice: 'program.adopt' | 'program.propose') {
    event.preventDefault();
    if (!ownership?.offer) return;
    setBusy(true);
    const result = await api.invoke(choice, { version: ownership.offer.version, managerPin: pin });
    setBusy(false);
    setPin('');
    if (!result.ok) {
      setError(result.error);
      if (result.error.code === 'program_offer_gone') load();
      return;
    }
    setError(null);
    setOwnership(result.value);
    onChanged?.();
  }

  if (!ownership) return null;
  const { offer } = ownership;
  return (
    <section className="card program-ownership" aria-labelledby="program-ownership-title">
      <h2 id="program-ownership-title">
        {offer ? t('program.offer.title') : t('program.owner.title')}
      </h2>
      {!offer && (
        <p data-testid="program-owner">
          {ownership.owner === 'terminal'
            ? t('program.owner.terminal')
            : ownership.storeOverrides
              ? t('program.owner.headOfficeOverrides')
              : t('program.owner.headOffice')}
        </p>
      )}
      {!offer && ownership.proposedVersion !== null && (
        <p role="status">{t('program.offer.proposed', { version: ownership.proposedVersion })}</p>
      )}
      {offer && (
        <form className="form" onSubmit={(e) => decide(e, 'program.adopt')}>
          <p>{t('program.offer.intro')}</p>
          <div className="program-offer-changes" data-testid="program-offer">
            <AuditChanges label={t('program.offer.ours')} fields={offer.ours} />
            <AuditChanges
              label={t('program.offer.headOffice', { version: offer.version })}
              fields={offer.headOffice}
            />
          </div>
          <ManagerPinField value={pin} onChange={setPin} />
          <FieldError error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || pin.length < 4}>
              {t('program.offer.adopt')}
            </button>
            <button
              type="button"
              disabled={busy || pin.length < 4}
              onClick={(e) => void decide(e, 'program.propose')}
            >
              {t('program.offer.propose')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
