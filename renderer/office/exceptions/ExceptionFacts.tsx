import type { MessageKey } from '../../../shared/i18n';
import type { ExceptionView } from '../../../shared/office/exceptions';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';

/** The facts a manager decides on, the ones that matter first; the rest as head office sent them. */
const factLabels: Record<string, MessageKey> = {
  memberName: 'office.fact.memberName',
  cardNumber: 'office.fact.cardNumber',
  storeName: 'office.fact.storeName',
  terminalNumber: 'office.fact.terminalNumber',
  saleNumber: 'office.fact.saleNumber',
  soldAt: 'office.fact.soldAt',
  balanceBefore: 'office.fact.balanceBefore',
  balanceAfter: 'office.fact.balanceAfter',
  pointsRedeemed: 'office.fact.pointsRedeemed',
  code: 'office.fact.couponCode',
  discountMinor: 'office.fact.discount',
  offline: 'office.fact.offline',
};

function shown(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function ExceptionFacts({ exception }: { exception: ExceptionView }) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const known = Object.entries(factLabels).filter(([name]) => name in exception.facts);
  const other = Object.entries(exception.facts).filter(([name]) => !(name in factLabels));
  return (
    <>
      <dl className="facts">
        {known.map(([name, label]) => {
          const value = exception.facts[name];
          return (
            <div key={name}>
              <dt>{t(label)}</dt>
              <dd data-fact={name}>
                {name === 'soldAt' && typeof value === 'string' && !Number.isNaN(Date.parse(value))
                  ? format.dateTime(value)
                  : typeof value === 'number' && name !== 'terminalNumber'
                    ? format.number(value)
                    : typeof value === 'boolean'
                      ? t(value ? 'office.yes' : 'office.no')
                      : shown(value)}
              </dd>
            </div>
          );
        })}
      </dl>
      {other.length > 0 && (
        <details>
          <summary>{t('office.exceptions.allFacts')}</summary>
          <dl className="facts office-detail">
            {other.map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>{shown(value)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </>
  );
}
