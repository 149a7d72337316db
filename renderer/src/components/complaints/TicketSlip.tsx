import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import type { ComplaintView } from '../../../../shared/api/complaint';

/**
 * The slip the customer takes away: the ticket number and the promised response time. Printed
 * through the receipt's print path (window.print with the print stylesheet).
 */
export function TicketSlip({ complaint }: { complaint: ComplaintView }) {
  const t = useT();
  const format = useFormat();
  const storeName = useAppStore((s) => s.terminal?.storeName ?? '');
  const hours = Math.round(
    (Date.parse(complaint.firstResponseDueAt) - Date.parse(complaint.openedAt)) / 3_600_000,
  );
  return (
    <div className="card ticket-slip">
      <div className="receipt" data-testid="ticket-slip">
        <p className="receipt-store">{storeName}</p>
        <h2>{t('complaint.slip.title')}</h2>
        <p className="big-number code" data-testid="ticket-number">
          {complaint.details.ticket}
        </p>
        <p>{format.dateTime(complaint.openedAt)}</p>
        <p>{t('complaint.slip.promise', { hours })}</p>
        <p className="hint">{t('complaint.slip.keep')}</p>
      </div>
      <button type="button" className="primary no-print" onClick={() => window.print()} autoFocus>
        {t('complaint.print')}
      </button>
    </div>
  );
}
