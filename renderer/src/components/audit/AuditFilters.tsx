import { useState, type FormEvent } from 'react';
import type { StaffMember } from '../../../../shared/staff';
import { catalogs, type MessageKey } from '../../../../shared/i18n';
import { useT } from '../../i18n/useT';
import { useShopDates } from '../../i18n/useShopDates';
import { DateField } from '../DateField';

export interface AuditFilterValues {
  from: string;
  to: string;
  staffId: string;
  action: string;
  subject: string;
  text: string;
}

export const noAuditFilters: AuditFilterValues = {
  from: '',
  to: '',
  staffId: '',
  action: '',
  subject: '',
  text: '',
};

const isKey = (key: string): key is MessageKey =>
  Object.prototype.hasOwnProperty.call(catalogs.en, key);

/** Date range, person, action, member or sale, free text: any combination, Enter searches. */
export function AuditFilters({
  staff,
  actions,
  onSearch,
}: {
  staff: StaffMember[];
  actions: string[];
  onSearch: (filters: AuditFilterValues) => void;
}) {
  const t = useT();
  const dates = useShopDates();
  const [values, setValues] = useState<AuditFilterValues>(noAuditFilters);
  // A date typed that is not one: the search waits, and the field says why.
  const [badDates, setBadDates] = useState({ from: false, to: false });
  const set = (field: keyof AuditFilterValues) => (value: string) =>
    setValues((v) => ({ ...v, [field]: value }));
  const setDate = (field: 'from' | 'to') => (value: string | null) => {
    setBadDates((bad) => ({ ...bad, [field]: value === null }));
    set(field)(value ?? '');
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (badDates.from || badDates.to) return;
    onSearch(values);
  }

  return (
    <form className="card audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
      <div className="row bottom">
        <DateField
          label={t('audit.from')}
          value={values.from}
          onChange={setDate('from')}
          {...dates}
          invalidText={(format) => t('date.invalid', { format })}
        />
        <DateField
          label={t('audit.to')}
          value={values.to}
          onChange={setDate('to')}
          {...dates}
          invalidText={(format) => t('date.invalid', { format })}
        />
        <label>
          {t('audit.staff')}
          <select value={values.staffId} onChange={(e) => set('staffId')(e.target.value)}>
            <option value="">{t('audit.anyone')}</option>
            {staff.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('audit.actionFilter')}
          <select value={values.action} onChange={(e) => set('action')(e.target.value)}>
            <option value="">{t('audit.anyAction')}</option>
            {actions.map((action) => {
              const key = `audit.action.${action}`;
              return (
                <option key={action} value={action}>
                  {isKey(key) ? t(key) : action}
                </option>
              );
            })}
          </select>
        </label>
      </div>
      <div className="row bottom">
        <label>
          {t('audit.subject')}
          <input
            value={values.subject}
            onChange={(e) => set('subject')(e.target.value)}
            maxLength={60}
          />
        </label>
        <label>
          {t('audit.text')}
          <input value={values.text} onChange={(e) => set('text')(e.target.value)} maxLength={60} />
        </label>
        <button type="submit" className="primary">
          {t('audit.search')}
        </button>
      </div>
    </form>
  );
}
