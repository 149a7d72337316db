import type { Program } from '../../../shared/program';
import { useOfficeT } from '../i18n/useOfficeT';
import { itemEarnRule } from './itemEarnRule';

/** The program's earn rule for this item, read-only: the rules are edited on the Program page. */
export function ItemEarnRuleNote(props: {
  item: { sku: string; categoryCode: string | null };
  program: Program;
}) {
  const t = useOfficeT();
  const rule = itemEarnRule(props.item, props.program);
  const words =
    rule.kind === 'normal'
      ? t('office.catalogue.item.earnNormal')
      : rule.percent === 0
        ? t('office.catalogue.item.earnExcluded', { match: rule.match })
        : rule.kind === 'sku'
          ? t('office.catalogue.item.earnBySku', { percent: rule.percent })
          : t('office.catalogue.item.earnByCategory', {
              percent: rule.percent,
              category: rule.match,
            });
  return (
    <p data-testid="item-earn-rule">
      {t('office.catalogue.item.earnRule', { rule: words })}{' '}
      <span className="hint">{t('office.catalogue.item.earnPointer')}</span>
    </p>
  );
}
