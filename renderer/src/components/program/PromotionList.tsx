import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { newPromotion, type PromotionForm } from '../../program/programForm';
import { ProgramField } from './ProgramField';
import { WeekdayPicker } from './WeekdayPicker';
import { ListIssue } from './ListIssue';

/** Earn promotions: a percent on top of normal earning, on some dates and weekdays. */
export function PromotionList() {
  const t = useT();
  const promotions = useAppStore((s) => s.programForm?.earn.promotions);
  const editProgram = useAppStore((s) => s.editProgram);
  if (!promotions) return null;
  const setRows = (change: (rows: PromotionForm[]) => PromotionForm[]) =>
    editProgram('earn', (earn) => ({ ...earn, promotions: change(earn.promotions) }));
  const editRow = (key: string, patch: Partial<PromotionForm>) =>
    setRows((rows) => rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));

  return (
    <div className="program-list">
      <h3>{t('program.promotions.title')}</h3>
      <p className="hint">{t('program.promotions.hint')}</p>
      {promotions.map((row, index) => {
        const path = `earn.promotions.${index}`;
        const legend = t('program.promotions.legend', { n: index + 1 });
        return (
          <fieldset key={row.key} className="program-item">
            <legend>{legend}</legend>
            <div className="field-grid">
              <ProgramField
                path={`${path}.name`}
                label={t('program.promotions.name')}
                kind="text"
                maxLength={40}
                value={row.name}
                onChange={(value) => editRow(row.key, { name: value })}
              />
              <ProgramField
                path={`${path}.percent`}
                label={t('program.promotions.percent')}
                hint={t('program.promotions.percentHint')}
                kind="percent"
                value={row.percent}
                onChange={(value) => editRow(row.key, { percent: value })}
              />
              <ProgramField
                path={`${path}.from`}
                label={t('program.promotions.from')}
                kind="date"
                value={row.from}
                onChange={(value) => editRow(row.key, { from: value })}
              />
              <ProgramField
                path={`${path}.to`}
                label={t('program.promotions.to')}
                kind="date"
                value={row.to}
                onChange={(value) => editRow(row.key, { to: value })}
              />
            </div>
            <WeekdayPicker
              legend={t('program.promotions.weekdays')}
              value={row.weekdays}
              onChange={(weekdays) => editRow(row.key, { weekdays })}
            />
            <button
              type="button"
              className="remove"
              onClick={() => setRows((rows) => rows.filter((r) => r.key !== row.key))}
            >
              {t('program.promotions.remove', { n: index + 1 })}
            </button>
          </fieldset>
        );
      })}
      <ListIssue path="earn.promotions" />
      <button type="button" onClick={() => setRows((rows) => [...rows, newPromotion()])}>
        {t('program.promotions.add')}
      </button>
    </div>
  );
}
