import {
  complaintCategories,
  complaintSeverities,
  complaintStatuses,
} from '../../../shared/rules/complaint';
import type { StoreView } from '../../../shared/office/stores';
import { useOfficeT } from '../i18n/useOfficeT';
import { categoryLabel, severityLabel, statusLabel } from './complaintWords';

export interface QueueFilter {
  status: string;
  severity: string;
  category: string;
  storeId: string;
  breached: boolean;
  q: string;
}

export const noQueueFilter: QueueFilter = {
  status: 'unresolved',
  severity: '',
  category: '',
  storeId: '',
  breached: false,
  q: '',
};

/** The queue's filters: status, severity, category, store, missed deadlines and text. */
export function ComplaintFilters(props: {
  filter: QueueFilter;
  stores: StoreView[];
  onChange(filter: QueueFilter): void;
}) {
  const t = useOfficeT();
  const { filter, onChange } = props;
  const set = (part: Partial<QueueFilter>) => onChange({ ...filter, ...part });
  return (
    <div className="row voice-filters">
      <label>
        {t('office.voice.filter.status')}
        <select value={filter.status} onChange={(e) => set({ status: e.target.value })}>
          <option value="">{t('office.voice.filter.anyStatus')}</option>
          <option value="unresolved">{t('office.voice.filter.unresolved')}</option>
          {complaintStatuses.map((s) => (
            <option key={s} value={s}>
              {t(statusLabel(s))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('office.voice.filter.severity')}
        <select value={filter.severity} onChange={(e) => set({ severity: e.target.value })}>
          <option value="">{t('office.voice.filter.anySeverity')}</option>
          {complaintSeverities.map((s) => (
            <option key={s} value={s}>
              {t(severityLabel(s))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('office.voice.filter.category')}
        <select value={filter.category} onChange={(e) => set({ category: e.target.value })}>
          <option value="">{t('office.voice.filter.anyCategory')}</option>
          {complaintCategories.map((c) => (
            <option key={c} value={c}>
              {t(categoryLabel(c))}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('office.voice.filter.store')}
        <select value={filter.storeId} onChange={(e) => set({ storeId: e.target.value })}>
          <option value="">{t('office.voice.filter.anyStore')}</option>
          {props.stores.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="choice">
        <input
          type="checkbox"
          checked={filter.breached}
          onChange={(e) => set({ breached: e.target.checked })}
        />
        {t('office.voice.filter.breached')}
      </label>
      <label className="voice-search">
        {t('office.voice.filter.search')}
        <input
          type="search"
          value={filter.q}
          maxLength={80}
          onChange={(e) => set({ q: e.target.value })}
        />
      </label>
    </div>
  );
}
