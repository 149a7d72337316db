import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { api } from '../../api';
import { parseAmount } from '../../../../shared/money';
import { normaliseCode } from '../../../../shared/rules/codes';
import type { AppError } from '../../../../shared/result';
import { FieldError } from '../FieldError';

type Mode = 'closed' | 'sell' | 'topUp';

/**
 * Selling a new gift card or loading an existing one adds a line of its own kind: it earns no
 * points, and points or gift cards cannot pay for it.
 */
export function GiftCardLineEntry() {
  const t = useT();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const addLine = useAppStore((s) => s.addLine);
  const [mode, setMode] = useState<Mode>('closed');
  const [amount, setAmount] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [amountInvalid, setAmountInvalid] = useState(false);
  const [busy, setBusy] = useState(false);

  function open(next: Mode) {
    setMode(next);
    setAmount('');
    setCode('');
    setError(null);
    setAmountInvalid(false);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const amountMinor = parseAmount(amount, currency);
    if (amountMinor === null || amountMinor < 1) {
      setAmountInvalid(true);
      return;
    }
    setAmountInvalid(false);
    if (mode === 'sell') {
      addLine({
        description: '',
        quantity: 1,
        unitPriceMinor: amountMinor,
        sku: null,
        category: null,
        kind: 'gift_card',
        giftCardCode: null,
      });
      open('closed');
      return;
    }
    const canonical = normaliseCode(code, 'giftCard');
    if (!canonical) {
      setError({ code: 'gift_card_invalid_code', message: 'check character' });
      return;
    }
    // Load only a card that exists and is still good.
    setBusy(true);
    const card = await api.invoke('giftCard.balance', { code: canonical });
    setBusy(false);
    if (!card.ok) {
      setError(card.error);
      return;
    }
    addLine({
      description: '',
      quantity: 1,
      unitPriceMinor: amountMinor,
      sku: null,
      category: null,
      kind: 'gift_card_topup',
      giftCardCode: canonical,
    });
    open('closed');
  }

  if (mode === 'closed') {
    return (
      <div className="gift-card-actions">
        <button type="button" onClick={() => open('sell')}>
          {t('sale.sellGiftCard')}
        </button>
        <button type="button" onClick={() => open('topUp')}>
          {t('sale.topUpGiftCard')}
        </button>
      </div>
    );
  }

  return (
    <form
      className="card gift-card-entry"
      onSubmit={submit}
      aria-label={mode === 'sell' ? t('sale.sellGiftCard') : t('sale.topUpGiftCard')}
    >
      <div className="row">
        {mode === 'topUp' && (
          <label>
            {t('giftCard.code')}
            <input
              value={code}
              onChange={(e) => setCode(e.target.value)}
              maxLength={20}
              autoFocus
              autoComplete="off"
              spellCheck={false}
            />
          </label>
        )}
        <label>
          {t('sale.giftCardAmount', { currency })}
          <input
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            inputMode="decimal"
            autoFocus={mode === 'sell'}
            aria-invalid={amountInvalid}
          />
        </label>
      </div>
      {amountInvalid && (
        <p className="field-error" role="alert">
          {t('sale.invalidAmount')}
        </p>
      )}
      <FieldError error={error} />
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {mode === 'sell' ? t('sale.addGiftCard') : t('sale.addTopUp')}
        </button>
        <button type="button" onClick={() => open('closed')}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
