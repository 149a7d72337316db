import { newMultiplier, type MultiplierForm } from '../../src/program/programForm';
import { useOfficeT } from '../i18n/useOfficeT';
import { CATALOGUE_CODES_LIST, unknownCatalogueCode } from './catalogueCodes';
import { OfficeField } from './OfficeField';
import type { SectionProps } from './sectionProps';

/**
 * SKUs or category codes that earn more, less or nothing (100% = normal, 0% = excluded), with the
 * catalogue's codes offered and a code it does not know pointed out (still saved: a shop without
 * a catalogue types its own).
 */
export function MultiplierRules({ form, edit, issues, catalogue }: SectionProps) {
  const t = useOfficeT();
  const rows = form.earn.multipliers;
  const setRows = (change: (rows: MultiplierForm[]) => MultiplierForm[]) =>
    edit((f) => ({ ...f, earn: { ...f.earn, multipliers: change(f.earn.multipliers) } }));
  const editRow = (key: string, patch: Partial<MultiplierForm>) =>
    setRows((list) => list.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <div className="program-list">
      <h3 id="office-multipliers">{t('program.multipliers.title')}</h3>
      <p className="hint">{t('program.multipliers.hint')}</p>
      {rows.map((row, index) => (
        <div className="field-grid" key={row.key} data-multiplier={index + 1}>
          <OfficeField
            label={t('program.multipliers.matchOf', { n: index + 1 })}
            value={row.match}
            inputMode="text"
            maxLength={40}
            list={CATALOGUE_CODES_LIST}
            issue={issues[`earn.multipliers.${index}.match`]}
            warning={
              unknownCatalogueCode(catalogue, row.match)
                ? t('office.catalogue.pick.unknown', { code: row.match.trim() })
                : undefined
            }
            onChange={(match) => editRow(row.key, { match })}
          />
          <OfficeField
            label={`${t('program.multipliers.percentOf', { n: index + 1 })} (%)`}
            value={row.percent}
            issue={issues[`earn.multipliers.${index}.percent`]}
            onChange={(percent) => editRow(row.key, { percent })}
          />
          <button
            type="button"
            onClick={() => setRows((list) => list.filter((r) => r.key !== row.key))}
            aria-label={t('program.multipliers.remove', { n: index + 1 })}
          >
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setRows((list) => [...list, newMultiplier()])}>
        {t('program.multipliers.add')}
      </button>
    </div>
  );
}
