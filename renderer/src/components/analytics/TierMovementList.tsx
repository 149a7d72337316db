import type { AnalyticsOverview } from '../../../../shared/analytics/report';
import type { AnalyticsWords } from './analyticsWords';

/** Tier changes in the period as a short list: few rows, a chart would say less. */
export function TierMovementList({
  movement,
  tierName,
  words,
}: {
  movement: AnalyticsOverview['tierMovement'];
  tierName: (id: string | null) => string;
  words: AnalyticsWords;
}) {
  const { t } = words;
  return (
    <section className="chart" aria-labelledby="tier-movement-title">
      <h2 id="tier-movement-title" className="chart-title">
        {t('analytics.movement')}
      </h2>
      {movement.moves.length === 0 ? (
        <p className="empty">{t('analytics.noMoves')}</p>
      ) : (
        <>
          <p>
            {t('analytics.movementSummary', {
              up: words.number(movement.upgrades),
              down: words.number(movement.downgrades),
            })}
          </p>
          <ul className="tier-moves">
            {movement.moves.map((move) => (
              <li key={`${move.fromTier ?? ''}>${move.toTier}`} className={move.direction}>
                {t('analytics.move', { from: tierName(move.fromTier), to: tierName(move.toTier) })}:{' '}
                {words.number(move.count)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
