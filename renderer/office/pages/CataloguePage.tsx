import { useCallback, useState } from 'react';
import type { Currency } from '../../../shared/money';
import type { CategoryView, TaxClassView } from '../../../shared/office/catalogue';
import { mayCall } from '../../../shared/office/roleAccess';
import type { StoreView } from '../../../shared/office/stores';
import type { Program } from '../../../shared/program';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { CatalogueImportSection } from '../catalogue/CatalogueImportSection';
import { CatalogueSearch } from '../catalogue/CatalogueSearch';
import { CategoriesSection } from '../catalogue/CategoriesSection';
import { ItemEditor } from '../catalogue/ItemEditor';
import { TaxClassesSection } from '../catalogue/TaxClassesSection';
import { isCurrency, useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';
import { terminalSetup } from '../stores/terminalSetup';

/** Which item the editor shows: none, a new one, or one by id. */
type Open = { kind: 'none' } | { kind: 'new' } | { kind: 'item'; id: string };

/**
 * The product catalogue (issue 16 §2): find items, edit one with its store prices, categories and
 * tax classes, and import a CSV. Everyone signed in may look; admins change it. Prices are in the
 * chain's currency (its terminals'), and each item shows the program's earn rule for it.
 */
export function CataloguePage() {
  const t = useOfficeT();
  const call = useOfficeApi();
  const role = useOfficeStore((s) => (s.session?.signedIn ? s.session.user.role : 'analyst'));
  const canEdit = mayCall(role, 'catalogue.createItem');
  const [categories, setCategories] = useState<CategoryView[]>([]);
  const [taxClasses, setTaxClasses] = useState<TaxClassView[]>([]);
  const [stores, setStores] = useState<StoreView[]>([]);
  const [program, setProgram] = useState<Program | null>(null);
  const [currency, setCurrency] = useState<Currency>('HKD');
  const [open, setOpen] = useState<Open>({ kind: 'none' });
  const [refreshKey, setRefreshKey] = useState(0);

  const fetchAll = useCallback(
    () =>
      Promise.all([
        call('catalogue.categories'),
        call('catalogue.taxClasses'),
        call('stores.list'),
        call('config.get'),
        canEdit ? call('terminals.list') : Promise.resolve(null),
      ]),
    [call, canEdit],
  );
  const applyAll = useCallback(
    ([cats, taxes, storeList, config, terminals]: Awaited<ReturnType<typeof fetchAll>>) => {
      if (cats.ok) setCategories(cats.value.categories);
      if (taxes.ok) setTaxClasses(taxes.value.taxClasses);
      if (storeList.ok) setStores(storeList.value.stores);
      if (config.ok) setProgram(config.value.program);
      const chain = terminals?.ok
        ? terminals.value.terminals.map((x) => terminalSetup(x).currency).find(isCurrency)
        : undefined;
      setCurrency(chain ?? 'HKD');
    },
    [],
  );
  const reload = useLoader(fetchAll, applyAll);
  const changed = useCallback(() => {
    setRefreshKey((k) => k + 1);
    void reload();
  }, [reload]);

  return (
    <div className="office-page">
      <h1>{t('office.catalogue.title')}</h1>
      <p className="hint">{t('office.catalogue.intro')}</p>
      {canEdit && (
        <button type="button" onClick={() => setOpen({ kind: 'new' })}>
          {t('office.catalogue.new')}
        </button>
      )}
      {open.kind !== 'none' && (
        <ItemEditor
          key={open.kind === 'item' ? open.id : 'new'}
          itemId={open.kind === 'item' ? open.id : null}
          categories={categories}
          taxClasses={taxClasses}
          stores={stores}
          program={program}
          currency={currency}
          canEdit={canEdit}
          onSaved={(item) => {
            setOpen({ kind: 'item', id: item.id });
            changed();
          }}
          onClose={() => setOpen({ kind: 'none' })}
        />
      )}
      <CatalogueSearch
        categories={categories}
        currency={currency}
        program={program}
        refreshKey={refreshKey}
        onOpen={(id) => setOpen({ kind: 'item', id })}
      />
      <CategoriesSection
        categories={categories}
        canEdit={canEdit}
        onChange={(next) => {
          setCategories(next);
          setRefreshKey((k) => k + 1);
        }}
      />
      <TaxClassesSection taxClasses={taxClasses} canEdit={canEdit} onChange={setTaxClasses} />
      {canEdit && <CatalogueImportSection currency={currency} onImported={changed} />}
    </div>
  );
}
