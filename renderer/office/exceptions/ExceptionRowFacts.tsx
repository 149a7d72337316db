import type { ExceptionView as OfficeException } from '../../../shared/office/exceptions';
import { useOfficeFormat } from '../i18n/useOfficeT';
import { exceptionSummary } from './exceptionSummary';

/**
 * Under an exception's number and kind in the list: who it is about (their phone masked), the
 * coupon or card, then where and when, so a manager picks the right one without opening each.
 */
export function ExceptionRowFacts({ exception }: { exception: OfficeException }) {
  const format = useOfficeFormat();
  const { who, phone, what, where } = exceptionSummary(exception);
  const about = [who.join(' / '), phone, what].filter(Boolean).join(' · ');
  return (
    <>
      {about && <span className="exception-who">{about}</span>}
      <span className="hint">
        {[where.join(' / '), format.dateTime(exception.raisedAt)].filter(Boolean).join(' · ')}
      </span>
    </>
  );
}
