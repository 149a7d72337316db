import { newTier, type TierForm } from '../../src/program/programForm';
import { useOfficeT } from '../i18n/useOfficeT';
import { OfficeField } from './OfficeField';
import type { SectionProps } from './sectionProps';

/** Tier levels, lowest first: name, where it starts, how fast it earns, and its perks. */
export function TierLevelFields({ form, edit, issues, currency }: SectionProps) {
  const t = useOfficeT();
  const bySpend = form.tiers.qualification === 'spend';
  const setLevels = (change: (levels: TierForm[]) => TierForm[]) =>
    edit((f) => ({ ...f, tiers: { ...f.tiers, levels: change(f.tiers.levels) } }));
  const editLevel = (key: string, patch: Partial<TierForm>) =>
    setLevels((levels) => levels.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  return (
    <>
      <h3>{t('program.tiers.levels')}</h3>
      {form.tiers.levels.map((level, index) => {
        const n = index + 1;
        const at = (field: string) => issues[`tiers.levels.${index}.${field}`];
        return (
          <fieldset key={level.key} className="program-item" data-tier={n}>
            <legend>{t('office.program.tierLegend', { n })}</legend>
            <div className="field-grid">
              <OfficeField
                label={t('program.tiers.name')}
                value={level.name}
                inputMode="text"
                maxLength={40}
                issue={at('name')}
                onChange={(name) => editLevel(level.key, { name })}
              />
              <OfficeField
                label={
                  bySpend
                    ? t('program.tiers.thresholdSpend', { currency })
                    : t('program.tiers.thresholdPoints')
                }
                value={level.threshold}
                inputMode={bySpend ? 'decimal' : 'numeric'}
                issue={at('threshold')}
                onChange={(threshold) => editLevel(level.key, { threshold })}
              />
              <OfficeField
                label={`${t('program.tiers.earnPercent')} (%)`}
                value={level.earnPercent}
                issue={at('earnPercent')}
                onChange={(earnPercent) => editLevel(level.key, { earnPercent })}
              />
              <OfficeField
                label={t('program.tiers.perks')}
                value={level.perks}
                inputMode="text"
                maxLength={200}
                issue={at('perks')}
                onChange={(perks) => editLevel(level.key, { perks })}
              />
            </div>
            {form.tiers.levels.length > 1 && (
              <button
                type="button"
                onClick={() => setLevels((levels) => levels.filter((l) => l.key !== level.key))}
              >
                {t('program.tiers.remove', { n })}
              </button>
            )}
          </fieldset>
        );
      })}
      {issues['tiers.levels'] && <p className="field-error">{t('program.issue.check')}</p>}
      <button
        type="button"
        onClick={() => setLevels((levels) => [...levels, newTier(levels.at(-1))])}
      >
        {t('program.tiers.add')}
      </button>
    </>
  );
}
