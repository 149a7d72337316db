import type { DisplayView } from '../../shared/display/displayView';
import type { DisplayWords } from './displayWords';

/** The sale as it is rung up: each line, newest last, the tax where the store has one, and the total. */
export function BasketPanel({ view, words }: { view: DisplayView; words: DisplayWords }) {
  const { t } = words;
  return (
    <section className="display-basket" aria-labelledby="display-basket-title">
      <h2 id="display-basket-title" className="sr-only">
        {t('sale.lines')}
      </h2>
      {view.lines.length === 0 ? (
        <p className="display-empty">{t('display.empty')}</p>
      ) : (
        <ol className="display-lines">
          {view.lines.map((line, index) => (
            <li key={index}>
              <span className="display-line-name">
                {line.description || t('sale.defaultItem')}
                {line.quantity > 1 && <span className="display-qty"> × {line.quantity}</span>}
              </span>
              <span className="display-line-amount">{words.money(line.amountMinor)}</span>
            </li>
          ))}
        </ol>
      )}
      {view.tax?.mode === 'exclusive' && (
        <p className="display-tax">
          <span>{t('sale.tax')}</span>
          <span data-testid="display-tax">{words.money(view.tax.taxMinor)}</span>
        </p>
      )}
      <p className="display-total">
        <span>{t('display.total')}</span>
        <strong data-testid="display-total">{words.money(view.totalMinor)}</strong>
      </p>
      {view.tax?.mode === 'inclusive' && (
        <p className="display-tax included">
          <span>{t('sale.includesTax')}</span>
          <span data-testid="display-tax-included">{words.money(view.tax.taxMinor)}</span>
        </p>
      )}
    </section>
  );
}
