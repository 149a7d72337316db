import { useEffect, useState, type FormEvent } from 'react';
import type { SegmentDefinition, SegmentView } from '../../../shared/office/campaigns';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';

/** Whole numbers typed in a field; empty is "no limit". */
const wholeOrNull = (text: string): number | null =>
  /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;

interface Draft {
  name: string;
  boughtWithinDays: string;
  notBoughtForDays: string;
  minVisits: string;
  minSpend: string;
  birthdayMonth: string;
  emailMarketing: boolean;
  smsMarketing: boolean;
}

const empty: Draft = {
  name: '',
  boughtWithinDays: '',
  notBoughtForDays: '',
  minVisits: '',
  minSpend: '',
  birthdayMonth: '',
  emailMarketing: false,
  smsMarketing: false,
};

/** The definition the fields describe (spend typed in whole currency units). */
export function definitionOf(d: Draft): SegmentDefinition {
  const definition: SegmentDefinition = {};
  const within = wholeOrNull(d.boughtWithinDays);
  const notFor = wholeOrNull(d.notBoughtForDays);
  if (within !== null || notFor !== null)
    definition.lastPurchase = { atMostDays: within, atLeastDays: notFor };
  const visits = wholeOrNull(d.minVisits);
  if (visits !== null) definition.visits = { min: visits, max: null };
  const spend = wholeOrNull(d.minSpend);
  if (spend !== null) definition.spend = { minMinor: spend * 100, maxMinor: null };
  const month = wholeOrNull(d.birthdayMonth);
  if (month !== null && month >= 1 && month <= 12) definition.birthdayMonths = [month];
  const consent = [
    ...(d.emailMarketing ? [{ channel: 'email' as const, purpose: 'marketing' as const }] : []),
    ...(d.smsMarketing ? [{ channel: 'sms' as const, purpose: 'marketing' as const }] : []),
  ];
  if (consent.length > 0) definition.consent = consent;
  return definition;
}

/** Build a segment, see how many members it holds as it is built, and save it. */
export function SegmentBuilder({ onSaved }: { onSaved: (segment: SegmentView) => void }) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const call = useOfficeApi();
  const [draft, setDraft] = useState<Draft>(empty);
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);
  const definition = definitionOf(draft);
  const key = JSON.stringify(definition);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void call('segments.count', { body: JSON.parse(key) as SegmentDefinition }).then((r) => {
        if (!live) return;
        setCount(r.ok ? r.value.count : null);
        setError(r.ok ? null : r.error);
      });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [call, key]);

  async function save(event: FormEvent) {
    event.preventDefault();
    const result = await call('segments.save', { body: { name: draft.name, definition } });
    setError(result.ok ? null : result.error);
    if (result.ok) {
      setDraft(empty);
      onSaved(result.value);
    }
  }

  const field = (name: keyof Draft, label: string, inputMode: 'numeric' | 'text' = 'numeric') => (
    <label className="office-field">
      <span>{label}</span>
      <input
        inputMode={inputMode}
        value={String(draft[name])}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.value })}
      />
    </label>
  );
  const check = (name: 'emailMarketing' | 'smsMarketing', label: string) => (
    <label className="office-check">
      <input
        type="checkbox"
        checked={draft[name]}
        onChange={(e) => setDraft({ ...draft, [name]: e.target.checked })}
      />
      {label}
    </label>
  );

  return (
    <form
      className="card segment-builder"
      onSubmit={(e) => void save(e)}
      aria-labelledby="segment-title"
    >
      <h2 id="segment-title">{t('office.segments.new')}</h2>
      {field('name', t('office.segments.name'), 'text')}
      {field('boughtWithinDays', t('office.segments.boughtWithinDays'))}
      {field('notBoughtForDays', t('office.segments.notBoughtForDays'))}
      {field('minVisits', t('office.segments.minVisits'))}
      {field('minSpend', t('office.segments.minSpend'))}
      {field('birthdayMonth', t('office.segments.birthdayMonth'))}
      {check('emailMarketing', t('office.segments.emailMarketing'))}
      {check('smsMarketing', t('office.segments.smsMarketing'))}
      <p className="segment-count" data-testid="segment-count" aria-live="polite">
        {count === null
          ? t('office.loading')
          : t('office.segments.count', { count: format.number(count) })}
      </p>
      <ErrorNotice error={error} />
      <button type="submit" disabled={draft.name.trim() === ''}>
        {t('office.segments.save')}
      </button>
    </form>
  );
}
