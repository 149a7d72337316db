import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { newTier, type TierForm } from '../../program/programForm';
import { ProgramField } from './ProgramField';
import { ListIssue } from './ListIssue';

/** Tier levels, lowest first: name, threshold (spend or points), earn percent and perks. */
export function TierTable() {
  const t = useT();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const levels = useAppStore((s) => s.programForm?.tiers.levels);
  const bySpend = useAppStore((s) => s.programForm?.tiers.qualification !== 'points');
  const editProgram = useAppStore((s) => s.editProgram);
  if (!levels) return null;
  const setRows = (change: (rows: TierForm[]) => TierForm[]) =>
    editProgram('tiers', (tiers) => ({ ...tiers, levels: change(tiers.levels) }));
  const editRow = (key: string, patch: Partial<TierForm>) =>
    setRows((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  return (
    <div className="program-list">
      <h3 id="program-levels">{t('program.tiers.levels')}</h3>
      <table aria-labelledby="program-levels" className="program-table">
        <thead>
          <tr>
            <th scope="col">{t('program.tiers.name')}</th>
            <th scope="col">
              {bySpend
                ? t('program.tiers.thresholdSpend', { currency })
                : t('program.tiers.thresholdPoints')}
            </th>
            <th scope="col">{t('program.tiers.earnPercent')}</th>
            <th scope="col">{t('program.tiers.perks')}</th>
            <th scope="col">
              <span className="sr-only">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {levels.map((row, index) => {
            const path = `tiers.levels.${index}`;
            const n = index + 1;
            return (
              <tr key={row.key}>
                <td>
                  <ProgramField
                    path={`${path}.name`}
                    label={t('program.tiers.nameOf', { n })}
                    labelHidden
                    kind="text"
                    maxLength={40}
                    value={row.name}
                    onChange={(value) => editRow(row.key, { name: value })}
                  />
                </td>
                <td>
                  <ProgramField
                    path={`${path}.threshold`}
                    label={t('program.tiers.thresholdOf', { n })}
                    labelHidden
                    kind={bySpend ? 'money' : 'number'}
                    value={row.threshold}
                    onChange={(value) => editRow(row.key, { threshold: value })}
                  />
                </td>
                <td>
                  <ProgramField
                    path={`${path}.earnPercent`}
                    label={t('program.tiers.earnPercentOf', { n })}
                    labelHidden
                    kind="percent"
                    value={row.earnPercent}
                    onChange={(value) => editRow(row.key, { earnPercent: value })}
                  />
                </td>
                <td>
                  <ProgramField
                    path={`${path}.perks`}
                    label={t('program.tiers.perksOf', { n })}
                    labelHidden
                    kind="text"
                    maxLength={200}
                    value={row.perks}
                    onChange={(value) => editRow(row.key, { perks: value })}
                  />
                </td>
                <td>
                  {index > 0 && (
                    <button
                      type="button"
                      onClick={() => setRows((rows) => rows.filter((r) => r.key !== row.key))}
                      aria-label={t('program.tiers.remove', { n })}
                    >
                      ✕
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ListIssue path="tiers.levels" />
      <p className="hint">{t('program.tiers.hint')}</p>
      <button
        type="button"
        onClick={() => setRows((rows) => [...rows, newTier(rows[rows.length - 1])])}
        disabled={levels.length >= 10}
      >
        {t('program.tiers.add')}
      </button>
    </div>
  );
}
