import { useState, type FormEvent } from 'react';
import type { CampaignView, SegmentView } from '../../../shared/office/campaigns';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { OfficeDateField } from '../components/OfficeDateField';
import { useOfficeT } from '../i18n/useOfficeT';

/** A points-multiplier campaign on a segment with a holdout (10 % unless changed), launched at once. */
export function CampaignForm({
  segments,
  onLaunched,
}: {
  segments: SegmentView[];
  onLaunched: (campaign: CampaignView) => void;
}) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [name, setName] = useState('');
  const [segmentId, setSegmentId] = useState('');
  const [percent, setPercent] = useState('200');
  // null while what is typed is not a date: the campaign is not created until both are.
  const [from, setFrom] = useState<string | null>('');
  const [to, setTo] = useState<string | null>('');
  const [holdout, setHoldout] = useState('10');
  const [error, setError] = useState<OfficeError | null>(null);

  async function launch(event: FormEvent) {
    event.preventDefault();
    if (from === null || to === null) return;
    const created = await call('campaigns.create', {
      body: {
        name,
        segmentId: segmentId || (segments[0]?.id ?? ''),
        holdoutBasisPoints: Math.round(Number(holdout) * 100),
        variants: [
          {
            name: t('office.campaigns.multiplierVariant', { percent: Number(percent) }),
            weight: 1,
            offer: { kind: 'multiplier', percent: Number(percent), from, to },
            message: null,
          },
        ],
        attributionDays: 14,
        costMinor: null,
        minimumConversionPoints: 5,
        minimumSpendMinor: null,
      },
    });
    if (!created.ok) {
      setError(created.error);
      return;
    }
    const launched = await call('campaigns.launch', { params: { id: created.value.id } });
    setError(launched.ok ? null : launched.error);
    if (launched.ok) onLaunched(launched.value);
  }

  return (
    <form className="card" onSubmit={(e) => void launch(e)} aria-labelledby="campaign-title">
      <h2 id="campaign-title">{t('office.campaigns.new')}</h2>
      <label className="office-field">
        <span>{t('office.campaigns.name')}</span>
        <input value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label className="office-field">
        <span>{t('office.campaigns.segment')}</span>
        <select value={segmentId} onChange={(e) => setSegmentId(e.target.value)}>
          {segments.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </label>
      <label className="office-field">
        <span>{t('office.campaigns.percent')}</span>
        <input inputMode="numeric" value={percent} onChange={(e) => setPercent(e.target.value)} />
      </label>
      <OfficeDateField label={t('office.campaigns.from')} value={from ?? ''} onChange={setFrom} />
      <OfficeDateField label={t('office.campaigns.to')} value={to ?? ''} onChange={setTo} />
      <label className="office-field">
        <span>{t('office.campaigns.holdout')}</span>
        <input inputMode="decimal" value={holdout} onChange={(e) => setHoldout(e.target.value)} />
      </label>
      <ErrorNotice error={error} />
      <button
        type="submit"
        disabled={name.trim() === '' || segments.length === 0 || from === null || to === null}
      >
        {t('office.campaigns.launch')}
      </button>
    </form>
  );
}
