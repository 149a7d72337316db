import type { ExceptionView } from '../../../shared/office/exceptions';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { resolutionLabel } from './resolutionWords';

/** Who resolved it, how, and what that did to the member's balance. */
export function ResolutionSummary({ exception }: { exception: ExceptionView }) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const effect = exception.effect;
  if (!exception.resolution || !exception.resolvedAt) return null;
  return (
    <div className="office-resolution" data-testid="resolution">
      <p>
        {t('office.exceptions.resolvedBy', {
          resolution: t(resolutionLabel[exception.resolution]),
          name: exception.resolvedBy ?? '',
          at: format.dateTime(exception.resolvedAt),
        })}
      </p>
      {exception.resolutionNote && <p>“{exception.resolutionNote}”</p>}
      {effect && effect.balanceBefore !== null && effect.balanceAfter !== null && (
        <p data-testid="balance-change">
          {t('office.exceptions.balanceChange', {
            before: format.number(effect.balanceBefore),
            after: format.number(effect.balanceAfter),
          })}
        </p>
      )}
      {effect && effect.lossMinor > 0 && (
        <p>
          {t('office.exceptions.loss', {
            amount: format.money(effect.lossMinor, effect.lossCurrency),
          })}
        </p>
      )}
      {effect && effect.debtPoints > 0 && (
        <p>{t('office.exceptions.debt', { points: format.number(effect.debtPoints) })}</p>
      )}
    </div>
  );
}
