import type { SalePreview } from '../../../../shared/domain';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { RedeemOverrideForm } from './RedeemOverrideForm';

/** Offline, head office's risk policy caps points on a sale: the cashier sees the cap and why. */
export function OfflineLimitNotice({ limit }: { limit: SalePreview['offlineLimit'] }) {
  const t = useT();
  const format = useFormat();
  const approved = useAppStore((s) => s.overridePin !== null);
  const clearOverride = useAppStore((s) => s.clearRedeemOverride);

  if (approved) {
    return (
      <div className="offline-limit approved" data-testid="offline-override">
        <p role="status">{t('sale.overrideActive')}</p>
        <button type="button" onClick={clearOverride}>
          {t('sale.overrideRemove')}
        </button>
      </div>
    );
  }
  if (!limit) return null;
  return (
    <div className="offline-limit" data-testid="offline-limit">
      <p role="status">
        {t(`sale.offlineLimit.${limit.reason}`, { max: format.points(limit.max) })}
      </p>
      <RedeemOverrideForm />
    </div>
  );
}
