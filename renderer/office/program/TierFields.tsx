import { newTier } from '../../src/program/programForm';
import { useOfficeT } from '../i18n/useOfficeT';
import { OfficeField } from './OfficeField';
import type { SectionProps } from './sectionProps';

/** Tier levels, lowest first: name, where it starts and how fast it earns. */
export function TierFields({ form, edit, issues, currency }: SectionProps) {
  const t = useOfficeT();
  const bySpend = form.tiers.qualification === 'spend';
  const setLevels = (change: (levels: typeof form.tiers.levels) => typeof form.tiers.levels) =>
    edit((f) => ({ ...f, tiers: { ...f.tiers, levels: change(f.tiers.levels) } }));
  return (
    <section className="card program-section" aria-labelledby="office-tiers">
      <h2 id="office-tiers">{t('program.tiers.title')}</h2>
      <p className="hint">
        {t('program.tiers.qualification')}:{' '}
        {t(bySpend ? 'program.tiers.bySpend' : 'program.tiers.byPoints')}
      </p>
      {form.tiers.levels.map((level, index) => (
        <div key={level.key} className="field-grid office-tier">
          <OfficeField
            label={t('program.tiers.nameOf', { n: index + 1 })}
            value={level.name}
            inputMode="text"
            issue={issues[`tiers.levels.${index}.name`]}
            onChange={(name) =>
              setLevels((levels) => levels.map((l) => (l.key === level.key ? { ...l, name } : l)))
            }
          />
          <OfficeField
            label={
              bySpend
                ? t('program.tiers.thresholdSpend', { currency })
                : t('program.tiers.thresholdPoints')
            }
            value={level.threshold}
            inputMode={bySpend ? 'decimal' : 'numeric'}
            issue={issues[`tiers.levels.${index}.threshold`]}
            onChange={(threshold) =>
              setLevels((levels) =>
                levels.map((l) => (l.key === level.key ? { ...l, threshold } : l)),
              )
            }
          />
          <OfficeField
            label={`${t('program.tiers.earnPercentOf', { n: index + 1 })} (%)`}
            value={level.earnPercent}
            issue={issues[`tiers.levels.${index}.earnPercent`]}
            onChange={(earnPercent) =>
              setLevels((levels) =>
                levels.map((l) => (l.key === level.key ? { ...l, earnPercent } : l)),
              )
            }
          />
          {form.tiers.levels.length > 1 && (
            <button
              type="button"
              onClick={() => setLevels((levels) => levels.filter((l) => l.key !== level.key))}
            >
              {t('program.tiers.remove', { n: index + 1 })}
            </button>
          )}
        </div>
      ))}
      {issues['tiers.levels'] && <p className="field-error">{t('program.issue.check')}</p>}
      <button
        type="button"
        onClick={() => setLevels((levels) => [...levels, newTier(levels.at(-1))])}
      >
        {t('program.tiers.add')}
      </button>
    </section>
  );
}
