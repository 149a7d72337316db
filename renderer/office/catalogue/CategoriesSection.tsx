import { useState } from 'react';
import { itemNameIn } from '../../../shared/catalogue';
import type { CategoryView } from '../../../shared/office/catalogue';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { TextField } from '../components/TextField';
import { useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';

const blank = { code: '', en: '', zhHant: '', zhHans: '' };

/** Categories by code with their names; a rename sends the category's items to terminals again. */
export function CategoriesSection(props: {
  categories: CategoryView[];
  canEdit: boolean;
  onChange: (categories: CategoryView[]) => void;
}) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const locale = useOfficeStore((s) => s.locale);
  const [draft, setDraft] = useState(blank);
  const [error, setError] = useState<OfficeError | null>(null);

  async function save() {
    const answer = await call('catalogue.saveCategory', {
      params: { code: draft.code.trim() },
      body: { names: { en: draft.en, 'zh-Hant': draft.zhHant, 'zh-Hans': draft.zhHans } },
    });
    setError(answer.ok ? null : answer.error);
    if (!answer.ok) return;
    setDraft(blank);
    props.onChange(answer.value.categories);
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
    <section className="card" aria-labelledby="catalogue-categories">
      <h2 id="catalogue-categories">{t('office.catalogue.categories.title')}</h2>
      <p className="hint">{t('office.catalogue.categories.hint')}</p>
      {props.categories.length === 0 ? (
        <p className="hint">{t('office.catalogue.categories.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('office.catalogue.categories.code')}</th>
              <th scope="col">{t('office.catalogue.name')}</th>
              <th scope="col">{t('office.catalogue.categories.items')}</th>
            </tr>
          </thead>
          <tbody>
            {props.categories.map((c) => (
              <tr key={c.code}>
                <td>
                  {props.canEdit ? (
                    <button
                      type="button"
                      aria-label={t('office.catalogue.categories.editing', { code: c.code })}
                      onClick={() =>
                        setDraft({
                          code: c.code,
                          en: c.names.en,
                          zhHant: c.names['zh-Hant'],
                          zhHans: c.names['zh-Hans'],
                        })
                      }
                    >
                      {c.code}
                    </button>
                  ) : (
                    c.code
                  )}
                </td>
                <td>{itemNameIn(c.names, locale)}</td>
                <td>{c.items}</td>
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
          {field('code', t('office.catalogue.categories.code'), 40)}
          {field('en', t('office.catalogue.item.nameEn'), 80)}
          {field('zhHant', t('office.catalogue.item.nameZhHant'), 80)}
          {field('zhHans', t('office.catalogue.item.nameZhHans'), 80)}
          <button type="submit">{t('office.catalogue.categories.save')}</button>
        </form>
      )}
      <ErrorNotice error={error} />
    </section>
  );
}
