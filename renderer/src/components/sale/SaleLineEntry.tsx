import { useRef, useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { parseAmount } from '../../../../shared/money';
import { PRICE_FIELD_ID } from '../../sale/focusPriceField';

/**
 * Type a price and press Enter: the common case is one amount and nothing else. Product code and
 * category are optional; they decide earn multipliers and which lines a coupon applies to.
 */
export function SaleLineEntry() {
  const t = useT();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const addLine = useAppStore((s) => s.addLine);
  const [description, setDescription] = useState('');
  const [sku, setSku] = useState('');
  const [category, setCategory] = useState('');
  const [quantity, setQuantity] = useState('1');
  const [price, setPrice] = useState('');
  const [invalid, setInvalid] = useState(false);
  const priceRef = useRef<HTMLInputElement>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const unitPriceMinor = parseAmount(price, currency);
    const qty = Number(quantity);
    if (unitPriceMinor === null || !Number.isInteger(qty) || qty < 1 || qty > 9999) {
      setInvalid(true);
      return;
    }
    addLine({
      // Left empty when not typed: the default name is said in whatever language reads it.
      description: description.trim(),
      quantity: qty,
      unitPriceMinor,
      sku: sku.trim() || null,
      category: category.trim() || null,
      kind: 'goods',
      giftCardCode: null,
    });
    setDescription('');
    setSku('');
    setCategory('');
    setQuantity('1');
    setPrice('');
    setInvalid(false);
    priceRef.current?.focus();
  }

  return (
    <form className="line-entry" onSubmit={submit} aria-label={t('sale.addLine')} data-item-scan="">
      <label className="grow">
        {t('sale.description')}
        <input
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          maxLength={80}
          placeholder={t('sale.defaultItem')}
        />
      </label>
      <label className="medium">
        {t('sale.sku')}
        <input
          value={sku}
          onChange={(e) => setSku(e.target.value)}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label className="medium">
        {t('sale.category')}
        <input
          value={category}
          onChange={(e) => setCategory(e.target.value)}
          maxLength={40}
          autoComplete="off"
        />
      </label>
      <label className="narrow">
        {t('sale.quantity')}
        <input
          value={quantity}
          onChange={(e) => setQuantity(e.target.value.replace(/\D/g, ''))}
          inputMode="numeric"
          maxLength={4}
          data-keypad=""
        />
      </label>
      <label className="price">
        {t('sale.price', { currency })}
        <input
          id={PRICE_FIELD_ID}
          ref={priceRef}
          value={price}
          onChange={(e) => setPrice(e.target.value)}
          inputMode="decimal"
          data-keypad=""
          autoFocus
          aria-invalid={invalid}
          aria-describedby={invalid ? 'price-error' : undefined}
        />
      </label>
      <button type="submit">{t('sale.addLine')}</button>
      {invalid && (
        <p className="field-error" role="alert" id="price-error">
          {t('sale.invalidPrice')}
        </p>
      )}
    </form>
  );
}
