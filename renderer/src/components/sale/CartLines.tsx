import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';

export function CartLines() {
  const t = useT();
  const format = useFormat();
  const lines = useAppStore((s) => s.lines);
  const removeLine = useAppStore((s) => s.removeLine);
  if (lines.length === 0) return <p className="empty">{t('sale.empty')}</p>;
  return (
    <table className="lines" aria-label={t('sale.lines')}>
      <thead>
        <tr>
          <th scope="col">{t('sale.description')}</th>
          <th scope="col" className="num">
            {t('sale.quantity')}
          </th>
          <th scope="col" className="num">
            {t('sale.unitPrice')}
          </th>
          <th scope="col" className="num">
            {t('sale.amount')}
          </th>
          <th scope="col">
            <span className="sr-only">{t('common.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.key}>
            <td>{line.description}</td>
            <td className="num">{format.number(line.quantity)}</td>
            <td className="num">{format.money(line.unitPriceMinor)}</td>
            <td className="num">{format.money(line.unitPriceMinor * line.quantity)}</td>
            <td>
              <button
                type="button"
                className="small"
                onClick={() => removeLine(line.key)}
                aria-label={t('sale.removeLine', { description: line.description })}
              >
                ✕
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
