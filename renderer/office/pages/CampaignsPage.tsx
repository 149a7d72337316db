import { useCallback, useState } from 'react';
import type { CampaignView, SegmentView } from '../../../shared/office/campaigns';
import type { OfficeError } from '../api/officeApi';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { mayCall } from '../../../shared/office/roleAccess';
import { CampaignCostForm } from '../campaigns/CampaignCostForm';
import { CampaignForm } from '../campaigns/CampaignForm';
import { CampaignResultsTable } from '../campaigns/CampaignResultsTable';
import { SegmentBuilder } from '../campaigns/SegmentBuilder';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';

/** Segments with their live counts, campaigns on them, and each campaign's results. */
export function CampaignsPage() {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const call = useOfficeApi();
  const role = useOfficeStore((s) => (s.session?.signedIn ? s.session.user.role : 'analyst'));
  const [segments, setSegments] = useState<SegmentView[]>([]);
  const [campaigns, setCampaigns] = useState<CampaignView[]>([]);
  const [error, setError] = useState<OfficeError | null>(null);
  const fetchAll = useCallback(
    () => Promise.all([call('segments.list'), call('campaigns.list')]),
    [call],
  );
  const applyAll = useCallback(([s, c]: Awaited<ReturnType<typeof fetchAll>>) => {
    if (s.ok) setSegments(s.value.segments);
    if (c.ok) setCampaigns(c.value.campaigns);
    setError(s.ok ? (c.ok ? null : c.error) : s.error);
  }, []);
  const load = useLoader(fetchAll, applyAll);

  return (
    <div className="office-page">
      <ErrorNotice error={error} />
      <SegmentBuilder onSaved={() => void load()} />
      <section className="card" aria-labelledby="segments-title">
        <h2 id="segments-title">{t('office.segments.title')}</h2>
        <ul>
          {segments.map((s) => (
            <li key={s.id}>
              <strong>{s.name}</strong>{' '}
              <span className="hint">
                {t('office.segments.count', { count: format.number(s.count) })}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <CampaignForm segments={segments} onLaunched={() => void load()} />
      {campaigns.map((c) => (
        <section className="card" key={c.id} aria-label={c.name}>
          <h2>{c.name}</h2>
          <p className="hint">
            {t('office.campaigns.facts', {
              segment: c.segmentName,
              holdout: format.basisPoints(c.holdoutBasisPoints),
            })}
          </p>
          {mayCall(role, 'campaigns.setCost') && (
            <CampaignCostForm campaign={c} onSaved={() => void load()} />
          )}
          {c.status !== 'draft' && <CampaignResultsTable campaign={c} />}
        </section>
      ))}
    </div>
  );
}
