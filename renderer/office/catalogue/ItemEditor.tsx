import { useEffect, useState } from 'react';
import { itemNameIn } from '../../../shared/catalogue';
import type { Currency } from '../../../shared/money';
import type {
  CatalogueItemView,
  CategoryView,
  TaxClassView,
} from '../../../shared/office/catalogue';
import type { StoreView } from '../../../shared/office/stores';
import type { Program } from '../../../shared/program';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';
import { ItemEarnRuleNote } from './ItemEarnRuleNote';
import { emptyItemForm, itemFormOf, readItemForm, type ItemForm } from './itemForm';
import { StorePrices } from './StorePrices';

/** One item: a new one (`itemId` null) or an existing one, with its store prices and earn rule. */
export function ItemEditor(props: {
  itemId: string | null;
  categories: CategoryView[];
  taxClasses: TaxClassView[];
  stores: StoreView[];
  program: Program | null;
  currency: Currency;
  canEdit: boolean;
  onSaved: (item: CatalogueItemView) => void;
  onClose: () => void;
}) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const locale = useOfficeStore((s) => s.locale);
  const [item, setItem] = useState<CatalogueItemView | null>(null);
  const [form, setForm] = useState<ItemForm>(emptyItemForm);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);
  const [saved, setSaved] = useState(false);
  const { itemId, currency } = props;

  // The page gives each item its own editor (a key per item), so only the fetch is left here.
  useEffect(() => {
    if (itemId === null) return;
    void call('catalogue.item', { params: { id: itemId } }).then((answer) => {
      setError(answer.ok ? null : answer.error);
      if (!answer.ok) return;
      setItem(answer.value);
      setForm(itemFormOf(answer.value, currency));
    });
  }, [call, itemId, currency]);

  const edit = (patch: Partial<ItemForm>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...patch }));
  };

  async function save() {
    const read = readItemForm(form, currency);
    if (!read.ok) {
      setProblem(
        read.problem === 'price'
          ? t('office.catalogue.item.priceInvalid')
          : t('office.catalogue.item.barcodeInvalid', { barcode: read.barcode }),
      );
      return;
    }
    setProblem(null);
    const answer = item
      ? await call('catalogue.updateItem', { params: { id: item.id }, body: read.input })
      : await call('catalogue.createItem', { body: read.input });
    setError(answer.ok ? null : answer.error);
    if (!answer.ok) return;
    setItem(answer.value);
    setForm(itemFormOf(answer.value, currency));
    setSaved(true);
    props.onSaved(answer.value);
  }

  const text = (key: keyof ItemForm, label: string, maxLength: number) => (
    <TextField
      label={label}
      value={form[key] as string}
      maxLength={maxLength}
      disabled={!props.canEdit}
      onChange={(value) => edit({ [key]: value })}
    />
  );

  return (
    <section className="card" aria-labelledby="catalogue-item">
      <h2 id="catalogue-item">
        {item
          ? t('office.catalogue.item.editTitle', { sku: item.sku })
          : t('office.catalogue.item.newTitle')}
      </h2>
      <form
        className="office-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {text('sku', t('office.catalogue.sku'), 40)}
        {text('nameEn', t('office.catalogue.item.nameEn'), 80)}
        {text('nameZhHant', t('office.catalogue.item.nameZhHant'), 80)}
        {text('nameZhHans', t('office.catalogue.item.nameZhHans'), 80)}
        <label>
          {t('office.catalogue.item.price', { currency })}
          <input
            value={form.price}
            inputMode="decimal"
            disabled={!props.canEdit}
            onChange={(e) => edit({ price: e.target.value })}
          />
        </label>
        <label>
          {t('office.catalogue.category')}
          <select
            value={form.categoryCode}
            disabled={!props.canEdit}
            onChange={(e) => edit({ categoryCode: e.target.value })}
          >
            <option value="">{t('office.catalogue.item.noCategory')}</option>
            {props.categories.map((c) => (
              <option key={c.code} value={c.code}>
                {`${c.code} · ${itemNameIn(c.names, locale)}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('office.catalogue.item.taxClass')}
          <select
            value={form.taxClass}
            disabled={!props.canEdit}
            onChange={(e) => edit({ taxClass: e.target.value })}
          >
            <option value="">{t('office.catalogue.item.noTaxClass')}</option>
            {props.taxClasses.map((c) => (
              <option key={c.code} value={c.code}>
                {`${c.code} · ${c.name}`}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('office.catalogue.item.barcodes')}
          <textarea
            value={form.barcodes}
            rows={3}
            disabled={!props.canEdit}
            aria-describedby="catalogue-barcodes-hint"
            onChange={(e) => edit({ barcodes: e.target.value })}
          />
        </label>
        <span id="catalogue-barcodes-hint" className="hint">
          {t('office.catalogue.item.barcodesHint')}
        </span>
        <label className="check">
          <input
            type="checkbox"
            checked={form.active}
            disabled={!props.canEdit}
            onChange={(e) => edit({ active: e.target.checked })}
          />
          {t('office.catalogue.item.active')}
        </label>
        {props.canEdit && <button type="submit">{t('office.catalogue.item.save')}</button>}
        <button type="button" onClick={props.onClose}>
          {t('office.catalogue.item.close')}
        </button>
      </form>
      {problem && (
        <p role="alert" className="field-error">
          {problem}
        </p>
      )}
      <ErrorNotice error={error} />
      {saved && <p role="status">{t('office.catalogue.item.saved')}</p>}
      {props.program && form.sku.trim() !== '' && (
        <ItemEarnRuleNote
          item={{
            sku: form.sku.trim(),
            categoryCode: form.categoryCode === '' ? null : form.categoryCode,
          }}
          program={props.program}
        />
      )}
      {item ? (
        <StorePrices
          item={item}
          stores={props.stores}
          currency={currency}
          canEdit={props.canEdit}
          onChange={setItem}
        />
      ) : (
        props.canEdit && <p className="hint">{t('office.catalogue.storePrices.saveFirst')}</p>
      )}
    </section>
  );
}
