import { MIN_RESPONSES_PER_CASHIER } from '../../../shared/rules/feedback';
import type { VoiceDashboard } from '../../../shared/office/voice';
import { intlLocale } from '../../../shared/locale';
import { useOfficeStore } from '../store/officeStore';
import { useOfficeT } from '../i18n/useOfficeT';
import { figureText } from './figureText';

/** Per cashier: figures only from 20 responses; below that the row says why there are none. */
export function CashierTable({ cashiers }: { cashiers: VoiceDashboard['cashiers'] }) {
  const t = useOfficeT();
  const tag = intlLocale(useOfficeStore((s) => s.locale));
  return (
    <table className="office-table voice-cashiers" aria-labelledby="cashiers-title">
      <caption id="cashiers-title">{t('office.voice.cashiers')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('office.voice.col.cashier')}</th>
          <th scope="col">{t('office.voice.col.responses')}</th>
          <th scope="col">{t('office.voice.col.figures')}</th>
        </tr>
      </thead>
      <tbody>
        {cashiers.map((c) => (
          <tr key={c.staffId ?? 'unknown'}>
            <th scope="row">
              {c.staffId ? c.staffId.slice(0, 8) : t('office.voice.cashier.unknown')}
            </th>
            <td className="num">{figureText('count', c.responses, tag)}</td>
            <td>
              {c.shown
                ? `${t('office.voice.figure.nps')} ${figureText('score', c.nps, tag)} · ${t('office.voice.figure.csatPercent')} ${figureText('percent', c.csatPercent, tag)}`
                : t('office.voice.cashier.tooFew', {
                    count: c.responses,
                    min: MIN_RESPONSES_PER_CASHIER,
                  })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
