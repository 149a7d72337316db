import { useState, type FormEvent } from 'react';
import type { TierLevel } from '../../../../shared/analytics/report';
import { DateField } from '../DateField';
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
  // Dates as typed: null while a field holds something that is not a date.
  const [from, setFrom] = useState<string | null>(filter.from);
  const [to, setTo] = useState<string | null>(filter.to);
  const [draft, setDraft] = useState(filter);
  const [invalid, setInvalid] = useState(false);
  const letters = { year: t('date.year'), month: t('date.month'), day: t('date.day') };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!from || !to || from > to) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    onShow({ ...draft, from, to });
  };
  return (
    <form className="analytics-filter" onSubmit={submit}>
      <DateField
        label={t('analytics.from')}
        name="from"
        value={filter.from}
        onChange={setFrom}
        locale={words.dateLocale}
        partLetters={letters}
      />
      <DateField
        label={t('analytics.to')}
        name="to"
        value={filter.to}
        onChange={setTo}
        locale={words.dateLocale}
        partLetters={letters}
      />
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
      {invalid && (
        <p className="field-error" role="alert">
          {t('analytics.periodInvalid')}
        </p>
      )}
      <p className="hint">{t('analytics.periodHint')}</p>
    </form>
  );
}
