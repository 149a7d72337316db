import { useState } from 'react';
import type { TaxClassView } from '../../../shared/office/catalogue';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { rateBasisPoints } from './taxRate';

const blank = { code: '', name: '', rate: '' };

/** Tax classes by code, name and rate; the rate is kept with each item, not yet applied. */
export function TaxClassesSection(props: {
  taxClasses: TaxClassView[];
  canEdit: boolean;
  onChange: (taxClasses: TaxClassView[]) => void;
}) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const call = useOfficeApi();
  const [draft, setDraft] = useState(blank);
  const [rateWrong, setRateWrong] = useState(false);
  const [error, setError] = useState<OfficeError | null>(null);

  async function save() {
    const rate = rateBasisPoints(draft.rate);
    setRateWrong(rate === null);
    if (rate === null) return;
    const answer = await call('catalogue.saveTaxClass', {
      params: { code: draft.code.trim() },
      body: { name: draft.name, rateBasisPoints: rate },
    });
    setError(answer.ok ? null : answer.error);
    if (!answer.ok) return;
    setDraft(blank);
    props.onChange(answer.value.taxClasses);
  }

  const field = (key: keyof typeof blank, label: string, maxLength: number) => (
    <TextField
      label={label}
      value={draft[key]}
      maxLength={maxLength}
      onChange={(value) => setDraft((d) => ({ ...d, [key]: value }))}
    />
  );

  return (
    <section className="card" aria-labelledby="catalogue-tax-classes">
      <h2 id="catalogue-tax-classes">{t('office.catalogue.taxClasses.title')}</h2>
      <p className="hint">{t('office.catalogue.taxClasses.hint')}</p>
      {props.taxClasses.length === 0 ? (
        <p className="hint">{t('office.catalogue.taxClasses.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('office.catalogue.taxClasses.code')}</th>
              <th scope="col">{t('office.catalogue.taxClasses.name')}</th>
              <th scope="col">{t('office.catalogue.taxClasses.rate')}</th>
            </tr>
          </thead>
          <tbody>
            {props.taxClasses.map((c) => (
              <tr key={c.code}>
                <td>{c.code}</td>
                <td>{c.name}</td>
                <td>{format.basisPoints(c.rateBasisPoints)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canEdit && (
        <form
          className="office-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          {field('code', t('office.catalogue.taxClasses.code'), 20)}
          {field('name', t('office.catalogue.taxClasses.name'), 80)}
          {field('rate', t('office.catalogue.taxClasses.rate'), 6)}
          <button type="submit">{t('office.catalogue.taxClasses.save')}</button>
        </form>
      )}
      {rateWrong && (
        <p role="alert" className="field-error">
          {t('office.catalogue.taxClasses.rateInvalid')}
        </p>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
