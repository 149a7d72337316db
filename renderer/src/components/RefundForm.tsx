import { useState, type FormEvent } from 'react';
import { useAppStore } from '../store';
import { useErrorText, useT } from '../i18n/useT';
import type { SaleLine } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import { FieldError } from './FieldError';
import { RefundLinePicker } from './RefundLinePicker';
import { ManagerPinPrompt } from './staff/ManagerPinPrompt';

/**
 * Refunds what is left of the sale, or chosen quantities of its lines. Points earned come back off
 * the balance in proportion, spent points return, and the program decides what happens when the
 * earned points have already been spent.
 */
export function RefundForm({ saleId, lines }: { saleId: string; lines: SaleLine[] }) {
  const t = useT();
  const refundSale = useAppStore((s) => s.refundSale);
  const errorText = useErrorText();
  const [open, setOpen] = useState(false);
  const [whole, setWhole] = useState(true);
  const [quantities, setQuantities] = useState<Record<number, number>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  // Above the store's refund limit a cashier's refund waits for a manager's PIN.
  const [needsManager, setNeedsManager] = useState<AppError | null>(null);

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('refund.start')}
      </button>
    );
  }

  const chosen = Object.entries(quantities)
    .filter(([, quantity]) => quantity > 0)
    .map(([lineNo, quantity]) => ({ lineNo: Number(lineNo), quantity }));
  const ready = reason.trim() !== '' && (whole || chosen.length > 0);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const failure = await refundSale(saleId, reason, whole ? undefined : chosen);
    setBusy(false);
    if (failure?.code === 'refund_needs_manager') {
      setNeedsManager(failure);
      setError(null);
    } else setError(failure);
  }

  if (needsManager) {
    return (
      <ManagerPinPrompt
        title={t('refund.managerTitle')}
        explain={errorText(needsManager)}
        submitLabel={t('refund.confirm')}
        approve={(pin) => refundSale(saleId, reason, whole ? undefined : chosen, pin)}
        onCancel={() => setNeedsManager(null)}
      />
    );
  }

  return (
    <form className="card refund-form" onSubmit={submit} aria-label={t('refund.title')}>
      <fieldset className="refund-scope">
        <legend>{t('refund.scope')}</legend>
        <label className="radio">
          <input type="radio" name="refund-scope" checked={whole} onChange={() => setWhole(true)} />
          {t('refund.whole')}
        </label>
        <label className="radio">
          <input
            type="radio"
            name="refund-scope"
            checked={!whole}
            onChange={() => setWhole(false)}
          />
          {t('refund.chosen')}
        </label>
      </fieldset>
      {!whole && (
        <RefundLinePicker
          lines={lines}
          quantities={quantities}
          onChange={(lineNo, quantity) => setQuantities((q) => ({ ...q, [lineNo]: quantity }))}
        />
      )}
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
      <button type="submit" className="danger" disabled={busy || !ready}>
        {t('refund.confirm')}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('common.cancel')}
      </button>
    </form>
  );
}
