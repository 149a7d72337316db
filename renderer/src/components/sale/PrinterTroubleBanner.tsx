import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';

/**
 * On the sale screen while the last receipt did not print (paper out, offline): the sales go on
 * and are saved, and the cashier knows the next receipt will not print until the printer is
 * seen to. It goes away when a print goes through.
 */
export function PrinterTroubleBanner() {
  const t = useT();
  const trouble = useAppStore((s) => s.printerTrouble);
  if (!trouble) return null;
  return (
    <p className="printer-trouble" role="alert" data-testid="printer-trouble">
      {t(`printer.state.${trouble}`)} {t('printer.troubleHint')}
    </p>
  );
}
