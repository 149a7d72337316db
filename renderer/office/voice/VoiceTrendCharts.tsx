import type { VoiceTrend } from '../../../shared/office/voice';
import { intlLocale } from '../../../shared/locale';
import { LineChart, type LinePoint } from '../../src/components/charts/LineChart';
import { formatDateText } from '../../src/components/dateText';
import { useOfficeStore } from '../store/officeStore';
import { useOfficeT } from '../i18n/useOfficeT';
import { figureText } from './figureText';

/** NPS and CSAT per week or month: the terminal's line chart, each with its figures as a table. */
export function VoiceTrendCharts({ trend }: { trend: VoiceTrend }) {
  const t = useOfficeT();
  const tag = intlLocale(useOfficeStore((s) => s.locale));
  const label = (start: string) => formatDateText(start, tag);
  const series = (figure: 'nps' | 'csatPercent'): LinePoint[] =>
    trend.points.flatMap((p) => {
      const value = p[figure];
      if (value === null) return [];
      const kind = figure === 'nps' ? 'score' : 'percent';
      return [
        { key: p.start, label: label(p.start), value, display: figureText(kind, value, tag) },
      ];
    });
  if (trend.points.length === 0) return <p className="empty">{t('office.voice.trend.none')}</p>;
  const first = trend.points[0]?.start ?? '';
  const last = trend.points[trend.points.length - 1]?.start ?? '';
  return (
    <div className="voice-trend">
      {(['nps', 'csatPercent'] as const).map((figure) => {
        const points = series(figure);
        if (points.length === 0) return null;
        const name = t(`office.voice.figure.${figure}`);
        return (
          <LineChart
            key={figure}
            title={name}
            summary={t('office.voice.trend.chart', {
              figure: name,
              from: label(first),
              to: label(last),
            })}
            points={points}
            labelHeading={t(`office.voice.bucket.${trend.bucket}`)}
            valueHeading={name}
            showTable={t('analytics.showTable')}
            hideTable={t('analytics.hideTable')}
            formatTick={(v) => figureText(figure === 'nps' ? 'score' : 'percent', v, tag)}
          />
        );
      })}
    </div>
  );
}
