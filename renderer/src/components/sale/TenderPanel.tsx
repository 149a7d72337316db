import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { amountToInput, minorPerUnit, parseAmount } from '../../../../shared/money';
import { cashTendered } from '../../../../shared/rules/cashTendered';
import { quickCashAmounts } from '../../../../shared/rules/quickCash';
import type { MoneyTender } from '../../../../shared/staff';

const tenders: readonly MoneyTender[] = ['cash', 'card'];

/**
 * How the customer pays what is left after points and gift cards: cash (the default) or card,
 * switched with F5. For cash the cashier may type what was handed over and sees the change;
 * Enter there confirms the sale, as F9 does. Less than what is due is said at once, and the core
 * refuses it too. Quick-cash buttons fill in the exact amount or the next round note (one tap).
 */
export function TenderPanel() {
  const t = useT();
  const format = useFormat();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const tender = useAppStore((s) => s.moneyTender);
  const received = useAppStore((s) => s.cashReceivedMinor);
  const due = useAppStore((s) => s.preview?.paidMinor ?? 0);
  const setMoneyTender = useAppStore((s) => s.setMoneyTender);
  const setCashReceived = useAppStore((s) => s.setCashReceived);
  const recordSale = useAppStore((s) => s.recordSale);
  const [text, setText] = useState(received === null ? '' : amountToInput(received, currency));
  const [invalid, setInvalid] = useState(false);
  const tendered = received === null ? null : cashTendered(received, due);

  function type(value: string) {
    setText(value);
    const minor = value.trim() === '' ? null : parseAmount(value, currency);
    setInvalid(value.trim() !== '' && minor === null);
    setCashReceived(minor);
  }

  function confirm(event: FormEvent) {
    event.preventDefault();
    void recordSale();
  }

  return (
    <form className="tender-panel" onSubmit={confirm} aria-labelledby="tender-title">
      <div className="tender-choice">
        <span id="tender-title" className="tender-title">
          {t('tender.title')}
        </span>
        {tenders.map((option) => (
          <button
            key={option}
            type="button"
            className={option === tender ? 'choice active' : 'choice'}
            aria-pressed={option === tender}
            data-testid={`tender-${option}`}
            onClick={() => setMoneyTender(option)}
          >
            {t(`tender.${option}`)}
          </button>
        ))}
      </div>
      <p className="hint">
        <kbd>F5</kbd> {t('tender.switch')}
      </p>
      {tender === 'cash' && due > 0 && (
        <>
          <label>
            {t('tender.cashReceived', { currency })}
            <input
              value={text}
              onChange={(e) => type(e.target.value.slice(0, 16))}
              inputMode="decimal"
              autoComplete="off"
              aria-describedby="cash-received-hint"
              aria-invalid={invalid || (tendered !== null && !tendered.ok)}
              data-testid="cash-received"
              data-keypad=""
            />
          </label>
          <div className="quick-cash" role="group" aria-label={t('tender.quickCash')}>
            {quickCashAmounts(due, minorPerUnit(currency)).map((amount, index) => (
              <button
                key={amount}
                type="button"
                className={received === amount ? 'choice active' : 'choice'}
                aria-pressed={received === amount}
                data-testid={index === 0 ? 'quick-cash-exact' : undefined}
                onClick={() => type(amountToInput(amount, currency))}
              >
                {index === 0 ? `${t('tender.exact')} ` : ''}
                {index === 0 ? format.money(amount) : format.notes(amount)}
              </button>
            ))}
          </div>
          <p className="hint" id="cash-received-hint">
            {t('tender.cashReceivedHint')}
          </p>
          {tendered?.ok && (
            <p className="change-due" data-testid="sale-change" role="status">
              {t('tender.change')} <strong>{format.money(tendered.changeMinor)}</strong>
            </p>
          )}
          {tendered && !tendered.ok && (
            <p className="field-error" data-testid="sale-cash-short" role="alert">
              {t('tender.short', { amount: format.money(tendered.shortMinor) })}
            </p>
          )}
        </>
      )}
    </form>
  );
}
