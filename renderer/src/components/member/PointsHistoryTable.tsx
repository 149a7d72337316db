import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import type { MessageKey } from '../../../../shared/i18n';

/** Every ledger entry of the member, newest first, with its sale and who wrote it. */
export function PointsHistoryTable() {
  const t = useT();
  const format = useFormat();
  const history = useAppStore((s) => s.history);
  const openReceipt = useAppStore((s) => s.openReceipt);
  const now = new Date().toISOString();
  if (history.length === 0) return <p className="empty">{t('member.noHistory')}</p>;
  return (
    <table className="history" aria-label={t('member.history')}>
      <thead>
        <tr>
          <th scope="col">{t('member.when')}</th>
          <th scope="col">{t('member.entryKind')}</th>
          <th scope="col" className="num">
            {t('member.points')}
          </th>
          <th scope="col">{t('member.sale')}</th>
          <th scope="col">{t('member.staff')}</th>
        </tr>
      </thead>
      <tbody>
        {history.map((entry) => {
          const pending = entry.availableAt !== null && entry.availableAt > now && entry.points > 0;
          return (
            <tr key={entry.id}>
              <td>{format.dateTime(entry.createdAt)}</td>
              <td>
                {t(`entry.${entry.kind}` as MessageKey)}
                {entry.reason && <span className="line-details">{entry.reason}</span>}
                {pending && (
                  <span className="line-details pending" data-testid="entry-pending">
                    {t('member.pendingUntil', { date: format.day(entry.availableAt ?? '') })}
                  </span>
                )}
              </td>
              <td className={entry.points < 0 ? 'num negative' : 'num'}>
                {entry.points > 0 ? '+' : ''}
                {format.points(entry.points)}
              </td>
              <td>
                {entry.saleId && entry.saleNumber ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => void openReceipt(entry.saleId ?? '')}
                  >
                    {entry.saleNumber}
                  </button>
                ) : (
                  '—'
                )}
              </td>
              <td>{entry.staffName}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
