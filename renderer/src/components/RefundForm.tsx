import { useState, type FormEvent } from 'react';
import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import type { AppError } from '../../../shared/result';
import { FieldError } from './FieldError';

/** Refunds the whole sale; its points come back off (or go back onto) the member's balance. */
export function RefundForm({ saleId }: { saleId: string }) {
  const t = useT();
  const refundSale = useAppStore((s) => s.refundSale);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('refund.start')}
      </button>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const failure = await refundSale(saleId, reason);
    setBusy(false);
    setError(failure);
  }

  return (
    <form className="card refund-form" onSubmit={submit}>
      <label>
        {t('refund.reason')}
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          maxLength={200}
          autoFocus
        />
      </label>
      <p className="hint">{t('refund.explain')}</p>
      <FieldError error={error} />
      <button type="submit" className="danger" disabled={busy || reason.trim() === ''}>
        {t('refund.confirm')}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
