import { useState, type FormEvent } from 'react';
import type { TierLevel } from '../../../../shared/analytics/report';
import type { AnalyticsWords } from './analyticsWords';

export interface PeriodFilter {
  from: string;
  to: string;
  tierId: string | null;
  storeId?: string | null;
}

/**
 * The period (and tier, and at head office the store) a manager looks at. Nothing is fetched
 * until "Show": changing two dates should not run two reports.
 */
export function AnalyticsFilterForm({
  filter,
  tiers,
  stores,
  words,
  onShow,
}: {
  filter: PeriodFilter;
  tiers: TierLevel[];
  stores?: { id: string; name: string }[];
  words: AnalyticsWords;
  onShow: (filter: PeriodFilter) => void;
}) {
  const { t } = words;
  const [draft, setDraft] = useState(filter);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onShow(draft);
  };
  return (
    <form className="analytics-filter" onSubmit={submit}>
      <label>
        {t('analytics.from')}
        <input
          type="date"
          name="from"
          required
          value={draft.from}
          max={draft.to || undefined}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
      </label>
      <label>
        {t('analytics.to')}
        <input
          type="date"
          name="to"
          required
          value={draft.to}
          min={draft.from || undefined}
          onChange={(e) => setDraft({ ...draft, to: e.target.value })}
        />
      </label>
      <label>
        {t('analytics.tier')}
        <select
          name="tier"
          value={draft.tierId ?? ''}
          onChange={(e) => setDraft({ ...draft, tierId: e.target.value || null })}
        >
          <option value="">{t('analytics.allTiers')}</option>
          {tiers.map((tier) => (
            <option key={tier.id} value={tier.id}>
              {tier.name}
            </option>
          ))}
        </select>
      </label>
      {stores && (
        <label>
          {t('analytics.store')}
          <select
            name="store"
            value={draft.storeId ?? ''}
            onChange={(e) => setDraft({ ...draft, storeId: e.target.value || null })}
          >
            <option value="">{t('analytics.allStores')}</option>
            {stores.map((store) => (
              <option key={store.id} value={store.id}>
                {store.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit">{t('analytics.show')}</button>
      <p className="hint">{t('analytics.periodHint')}</p>
    </form>
  );
}
