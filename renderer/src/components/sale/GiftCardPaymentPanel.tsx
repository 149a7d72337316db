import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { api } from '../../api';
import { amountToInput, parseAmount } from '../../../../shared/money';
import { normaliseCode } from '../../../../shared/rules/codes';
import type { GiftCardView } from '../../../../shared/domain';
import type { AppError } from '../../../../shared/result';
import { FieldError } from '../FieldError';

/** Pay all or part of the goods with one or more gift cards; each shows what it holds. */
export function GiftCardPaymentPanel() {
  const t = useT();
  const format = useFormat();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const payments = useAppStore((s) => s.giftCardPayments);
  const preview = useAppStore((s) => s.preview);
  const saleError = useAppStore((s) => s.saleError);
  const addGiftCardPayment = useAppStore((s) => s.addGiftCardPayment);
  const removeGiftCardPayment = useAppStore((s) => s.removeGiftCardPayment);
  const [code, setCode] = useState('');
  const [card, setCard] = useState<GiftCardView | null>(null);
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [amountInvalid, setAmountInvalid] = useState(false);
  const [busy, setBusy] = useState(false);

  /** What is left of the goods for this card to pay: gift cards never pay for gift cards. */
  function leftForGoods(cardCode: string): number {
    if (!preview) return Number.MAX_SAFE_INTEGER;
    const goods = preview.lines
      .filter((line) => line.kind === 'goods')
      .reduce((sum, line) => sum + line.netMinor, 0);
    const others = payments
      .filter((p) => p.code !== cardCode)
      .reduce((sum, p) => sum + p.amountMinor, 0);
    return Math.max(0, goods - preview.redeemValueMinor - others);
  }

  async function check(event: FormEvent) {
    event.preventDefault();
    setCard(null);
    setAmount('');
    const canonical = normaliseCode(code, 'giftCard');
    if (!canonical) {
      setError({ code: 'gift_card_invalid_code', message: 'check character' });
      return;
    }
    setBusy(true);
    const result = await api.invoke('giftCard.balance', { code: canonical });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setCard(result.value);
  }

  async function pay(amountMinor: number | null) {
    if (!card) return;
    if (amountMinor === null || amountMinor < 1) {
      setAmountInvalid(true);
      return;
    }
    setAmountInvalid(false);
    setBusy(true);
    const refusal = await addGiftCardPayment({
      code: card.code,
      amountMinor,
      balanceMinor: card.balanceMinor,
    });
    setBusy(false);
    setError(refusal);
    if (!refusal) {
      setCard(null);
      setCode('');
      setAmount('');
    }
  }

  const balanceToUse = card ? Math.min(card.balanceMinor, leftForGoods(card.code)) : 0;
  const paymentProblem =
    saleError && (saleError.field === 'giftCardPayments' || saleError.code.startsWith('gift_card_'))
      ? saleError
      : null;

  return (
    <section className="card gift-card-payment" aria-labelledby="gift-card-payment-title">
      <h2 id="gift-card-payment-title">{t('sale.giftCardPayment')}</h2>
      <form className="inline-form" onSubmit={check}>
        <label>
          {t('giftCard.code')}
          <input
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setCard(null);
              setError(null);
            }}
            maxLength={20}
            autoComplete="off"
            spellCheck={false}
            placeholder="GCXX-XXXX-XXXX"
          />
        </label>
        <button type="submit" disabled={busy || code.trim() === ''}>
          {t('giftCard.check')}
        </button>
      </form>
      {card && (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void pay(parseAmount(amount, currency));
          }}
        >
          <p className="balance" data-testid="gift-card-payment-balance">
            {t('giftCard.balanceIs', { balance: format.money(card.balanceMinor) })}
          </p>
          <label>
            {t('sale.giftCardPayAmount', { currency })}
            <input
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              inputMode="decimal"
              autoFocus
              aria-invalid={amountInvalid}
            />
          </label>
          <button type="submit" className="primary" disabled={busy || amount.trim() === ''}>
            {t('sale.payWithCard')}
          </button>
          <button
            type="button"
            disabled={busy || balanceToUse < 1}
            onClick={() => {
              setAmount(amountToInput(balanceToUse, currency));
              void pay(balanceToUse);
            }}
          >
            {t('sale.useCardBalance', { amount: format.money(balanceToUse) })}
          </button>
        </form>
      )}
      {amountInvalid && (
        <p className="field-error" role="alert">
          {t('sale.invalidAmount')}
        </p>
      )}
      <FieldError error={error} />
      {payments.length > 0 && (
        <ul className="coupon-list" aria-label={t('sale.giftCardPayments')}>
          {payments.map((payment) => (
            <li key={payment.code} data-testid="gift-card-payment">
              <div>
                <strong className="code">{payment.code}</strong>
                <span className="hint">
                  {t('giftCard.balanceAfter', {
                    balance: format.money(payment.balanceMinor - payment.amountMinor),
                  })}
                </span>
              </div>
              <span className="num">{format.money(-payment.amountMinor)}</span>
              <button
                type="button"
                onClick={() => removeGiftCardPayment(payment.code)}
                aria-label={t('sale.removeGiftCardPayment', { code: payment.code })}
              >
                ✕
              </button>
            </li>
          ))}
        </ul>
      )}
      <FieldError error={paymentProblem} />
    </section>
  );
}
