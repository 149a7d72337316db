import { useState } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { ManagerPinPrompt } from '../staff/ManagerPinPrompt';

/**
 * A manager lets this sale use more points than head office's offline limit. The PIN stays with
 * this sale only, goes with its preview and record, and the core audits the override.
 */
export function RedeemOverrideForm() {
  const t = useT();
  const approve = useAppStore((s) => s.approveRedeemOverride);
  const [open, setOpen] = useState(false);

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {t('sale.override')}
      </button>
    );
  }
  return (
    <ManagerPinPrompt
      title={t('sale.override')}
      explain={t('sale.overrideExplain')}
      submitLabel={t('sale.overrideApprove')}
      approve={approve}
      onCancel={() => setOpen(false)}
    />
  );
}
