import type { VoiceDashboard } from '../../../shared/office/voice';
import { voiceFigureKeys, voiceFigures } from '../../../shared/office/voiceFigures';
import { intlLocale } from '../../../shared/locale';
import { useOfficeStore } from '../store/officeStore';
import { useOfficeT } from '../i18n/useOfficeT';
import { figureText } from './figureText';

/** The headline figures, from the one list the CSV and PDF read (shared/office/voiceFigures.ts). */
export function VoiceFigureCards({ dashboard }: { dashboard: VoiceDashboard }) {
  const t = useOfficeT();
  const tag = intlLocale(useOfficeStore((s) => s.locale));
  return (
    <dl className="voice-figures" aria-label={t('office.voice.dashboard')}>
      {voiceFigureKeys.map((key) => (
        <div key={key} className="voice-figure" data-figure={key}>
          <dt>{t(`office.voice.figure.${key}`)}</dt>
          <dd>{figureText(voiceFigures[key].kind, voiceFigures[key].read(dashboard), tag)}</dd>
        </div>
      ))}
    </dl>
  );
}
