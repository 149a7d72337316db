import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { newMultiplier, type MultiplierForm } from '../../program/programForm';
import { ProgramField } from './ProgramField';
import { ListIssue } from './ListIssue';

/** Product codes or categories that earn more, less or nothing (100% = normal, 0% = excluded). */
export function MultiplierList() {
  const t = useT();
  const multipliers = useAppStore((s) => s.programForm?.earn.multipliers);
  const editProgram = useAppStore((s) => s.editProgram);
  if (!multipliers) return null;
  const setRows = (change: (rows: MultiplierForm[]) => MultiplierForm[]) =>
    editProgram('earn', (earn) => ({ ...earn, multipliers: change(earn.multipliers) }));
  const editRow = (key: string, patch: Partial<MultiplierForm>) =>
    setRows((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  return (
    <div className="program-list">
      <h3 id="program-multipliers">{t('program.multipliers.title')}</h3>
      <p className="hint">{t('program.multipliers.hint')}</p>
      {multipliers.length > 0 && (
        <table aria-labelledby="program-multipliers" className="program-table">
          <thead>
            <tr>
              <th scope="col">{t('program.multipliers.match')}</th>
              <th scope="col">{t('program.multipliers.percent')}</th>
              <th scope="col">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {multipliers.map((row, index) => (
              <tr key={row.key}>
                <td>
                  <ProgramField
                    path={`earn.multipliers.${index}.match`}
                    label={t('program.multipliers.matchOf', { n: index + 1 })}
                    labelHidden
                    kind="text"
                    maxLength={40}
                    catalogueCodes
                    value={row.match}
                    onChange={(value) => editRow(row.key, { match: value })}
                  />
                </td>
                <td>
                  <ProgramField
                    path={`earn.multipliers.${index}.percent`}
                    label={t('program.multipliers.percentOf', { n: index + 1 })}
                    labelHidden
                    kind="percent"
                    value={row.percent}
                    onChange={(value) => editRow(row.key, { percent: value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    onClick={() => setRows((rows) => rows.filter((r) => r.key !== row.key))}
                    aria-label={t('program.multipliers.remove', { n: index + 1 })}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ListIssue path="earn.multipliers" />
      <button type="button" onClick={() => setRows((rows) => [...rows, newMultiplier()])}>
        {t('program.multipliers.add')}
      </button>
    </div>
  );
}
