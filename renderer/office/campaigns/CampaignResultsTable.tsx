import { useCallback, useState } from 'react';
import type { CampaignResults, CampaignView } from '../../../shared/office/campaigns';
import { officeUrl, type OfficeError } from '../api/officeApi';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';

const pp = (x: number) => `${(x * 100).toFixed(1)} pp`;

/** Each variant against the holdout: estimate, 95 % interval, p-value, or what is still needed. */
export function CampaignResultsTable({ campaign }: { campaign: CampaignView }) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const call = useOfficeApi();
  const [results, setResults] = useState<CampaignResults | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);
  const fetchResults = useCallback(
    () => call('campaigns.results', { params: { id: campaign.id }, query: { format: 'json' } }),
    // Again when the cost changes: cost per customer and ROI follow it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [call, campaign.id, campaign.costMinor],
  );
  const apply = useCallback((r: Awaited<ReturnType<typeof fetchResults>>) => {
    setResults(r.ok ? r.value : null);
    setError(r.ok ? null : r.error);
  }, []);
  useLoader(fetchResults, apply);
  if (error) return <ErrorNotice error={error} />;
  if (!results) return <p className="loading">{t('office.loading')}</p>;
  return (
    <div className="campaign-results" data-testid="campaign-results">
      <p className="hint">
        {t('office.campaigns.holdoutFacts', {
          members: format.number(results.holdout.members),
          converted: format.number(results.holdout.converted),
          contamination: format.number(results.contamination),
        })}
      </p>
      <table>
        <thead>
          <tr>
            <th>{t('office.campaigns.variant')}</th>
            <th>{t('office.campaigns.members')}</th>
            <th>{t('office.campaigns.conversion')}</th>
            <th>{t('office.campaigns.spendPerMember')}</th>
            <th>{t('office.campaigns.costPerCustomer')}</th>
            <th>{t('office.campaigns.roi')}</th>
            <th>{t('office.campaigns.verdict')}</th>
          </tr>
        </thead>
        <tbody>
          {results.variants.map((v) => (
            <tr key={v.variantId}>
              <td>{v.name}</td>
              <td>{format.number(v.totals.members)}</td>
              <td>
                {v.conversion
                  ? `${pp(v.conversion.estimate)} [${pp(v.conversion.low)}, ${pp(v.conversion.high)}] p=${v.conversion.pValue.toFixed(3)}`
                  : '–'}
              </td>
              <td>
                {v.spendPerMember
                  ? `${format.money(Math.round(v.spendPerMember.estimate), null)} [${format.money(Math.round(v.spendPerMember.low), null)}, ${format.money(Math.round(v.spendPerMember.high), null)}]`
                  : '–'}
              </td>
              <td data-testid="cost-per-customer">
                {v.costPerIncrementalCustomerMinor === null
                  ? '–'
                  : format.money(Math.round(v.costPerIncrementalCustomerMinor), null)}
              </td>
              <td data-testid="roi">{v.roi === null ? '–' : `${(v.roi * 100).toFixed(1)}%`}</td>
              <td>
                {v.conversion?.significant
                  ? t('office.campaigns.significant')
                  : t('office.campaigns.notSignificantYet', {
                      needed: format.number(v.conversion?.membersStillNeeded ?? 0),
                    })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <a
        className="button"
        href={officeUrl('campaigns.results', {
          params: { id: campaign.id },
          query: { format: 'csv' },
        })}
        download
      >
        {t('office.report.csv')}
      </a>
    </div>
  );
}
