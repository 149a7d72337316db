import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { FieldError } from '../FieldError';

export function SaleTotals() {
  const t = useT();
  const format = useFormat();
  const preview = useAppStore((s) => s.preview);
  const saleError = useAppStore((s) => s.saleError);
  const recording = useAppStore((s) => s.recording);
  const hasMember = useAppStore((s) => s.saleMember !== null);
  const hasLines = useAppStore((s) => s.lines.length > 0);
  const recordSale = useAppStore((s) => s.recordSale);

  return (
    <section className="card totals" aria-label={t('sale.totals')}>
      <dl>
        <dt>{t('sale.total')}</dt>
        <dd data-testid="sale-total">{format.money(preview?.totalMinor ?? 0)}</dd>
        {preview && preview.redeemValueMinor > 0 && (
          <>
            <dt>{t('sale.paidWithPoints', { points: format.points(preview.pointsRedeemed) })}</dt>
            <dd>-{format.money(preview.redeemValueMinor)}</dd>
          </>
        )}
        <dt className="due">{t('sale.toPay')}</dt>
        <dd className="due" data-testid="sale-to-pay">
          {format.money(preview?.paidMinor ?? 0)}
        </dd>
        {hasMember && preview && (
          <>
            <dt>{t('sale.pointsToEarn')}</dt>
            <dd data-testid="points-to-earn">+{format.points(preview.pointsEarned)}</dd>
          </>
        )}
      </dl>
      {!hasMember && hasLines && <p className="hint">{t('sale.noMemberHint')}</p>}
      <FieldError error={saleError} />
      <button
        type="button"
        className="primary big"
        disabled={!hasLines || recording || saleError !== null}
        onClick={() => void recordSale()}
        aria-keyshortcuts="F9"
      >
        {t('sale.confirm')} <kbd>F9</kbd>
      </button>
    </section>
  );
}
