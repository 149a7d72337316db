import type { VoiceDashboard } from '../../../shared/office/voice';
import { intlLocale } from '../../../shared/locale';
import { useOfficeStore } from '../store/officeStore';
import { useOfficeT } from '../i18n/useOfficeT';
import { figureText } from './figureText';

/** Repurchase within 90 days side by side: resolved, not resolved, no complaint, with counts. */
export function RecoveryTable({ recovery }: { recovery: VoiceDashboard['recovery'] }) {
  const t = useOfficeT();
  const tag = intlLocale(useOfficeStore((s) => s.locale));
  return (
    <table className="office-table voice-recovery" aria-labelledby="recovery-title">
      <caption id="recovery-title">{t('office.voice.recovery')}</caption>
      <tbody>
        {recovery.map((g) => (
          <tr key={g.group} data-group={g.group}>
            <th scope="row">{t(`office.voice.recovery.${g.group}`)}</th>
            <td className="num">{figureText('percent', g.ratePercent, tag)}</td>
            <td>
              {t('office.voice.recovery.counts', {
                repurchased: g.repurchased,
                members: g.members,
              })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
