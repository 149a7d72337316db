import type { MessageCounts } from '../../../shared/office/messages';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { statusWords } from './messageWords';

/** Messages per campaign (or head office's own greetings), message and status. */
export function MessageCountsTable({ counts }: { counts: MessageCounts }) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  if (counts.rows.length === 0) return <p className="empty">{t('office.messages.none')}</p>;
  return (
    <table className="office-table" data-testid="message-counts">
      <thead>
        <tr>
          <th scope="col">{t('office.messages.campaign')}</th>
          <th scope="col">{t('office.messages.template')}</th>
          <th scope="col">{t('office.messages.status')}</th>
          <th scope="col" className="number">
            {t('office.messages.howMany')}
          </th>
        </tr>
      </thead>
      <tbody>
        {counts.rows.map((row) => (
          <tr key={`${row.campaignId ?? ''}|${row.template}|${row.status}`}>
            <td>{row.campaignId ?? t('office.messages.ownGreetings')}</td>
            <td>{row.template}</td>
            <td>{t(statusWords[row.status])}</td>
            <td className="number">{format.number(row.count)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
