import { useId, useState, type FormEvent } from 'react';
import type { AppError } from '../../../../shared/result';
import { amountToInput, parseAmount } from '../../../../shared/money';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';
import { ManagerPinField } from '../staff/ManagerPinField';
import type { CartLine } from '../../store/types';

/**
 * A line's new price: the manager types their PIN beside it, the core checks it and audits the
 * change, and only then does the line change. A wrong PIN or a bad price changes nothing.
 */
export function LinePriceForm({
  line,
  name,
  onDone,
}: {
  line: CartLine;
  name: string;
  onDone: () => void;
}) {
  const t = useT();
  const id = useId();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const changeLinePrice = useAppStore((s) => s.changeLinePrice);
  const [price, setPrice] = useState(amountToInput(line.unitPriceMinor, currency));
  const [pin, setPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [badPrice, setBadPrice] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const minor = parseAmount(price, currency);
    setBadPrice(minor === null || minor === line.unitPriceMinor);
    if (minor === null || minor === line.unitPriceMinor) return;
    setBusy(true);
    const refusal = await changeLinePrice(line.key, minor, pin);
    setBusy(false);
    setPin('');
    setError(refusal);
    if (!refusal) onDone();
  }

  return (
    <form className="line-price-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`} className="line-price-title">
        <strong>{t('sale.priceChangeTitle', { description: name })}</strong>{' '}
        <span className="hint" id={`${id}-explain`}>
          {t('sale.priceChangeExplain')}
        </span>
      </p>
      <div className="row bottom">
        <label className="price">
          {t('sale.newPrice', { currency })}
          <input
            value={price}
            onChange={(e) => setPrice(e.target.value.slice(0, 16))}
            inputMode="decimal"
            autoComplete="off"
            data-keypad=""
            autoFocus
            aria-invalid={badPrice}
          />
        </label>
        <ManagerPinField
          value={pin}
          onChange={setPin}
          describedBy={`${id}-explain`}
          invalid={error?.code === 'wrong_pin'}
        />
        <button type="submit" className="primary" disabled={pin.length < 4} aria-disabled={busy}>
          {t('sale.priceChangeApprove')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
      {badPrice && (
        <p className="field-error" role="alert">
          {t('sale.invalidPrice')}
        </p>
      )}
      <FieldError error={error} />
    </form>
  );
}
