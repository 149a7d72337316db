import { useEffect, useState, type FormEvent } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import type { AppError } from '../../../../shared/result';
import { FieldError } from '../FieldError';

/** Issues a coupon of one of the program's campaigns to this member, by hand at the counter. */
export function IssueCouponForm() {
  const t = useT();
  const program = useAppStore((s) => s.program);
  const loadProgram = useAppStore((s) => s.loadProgram);
  const issueCoupon = useAppStore((s) => s.issueCoupon);
  const [campaignId, setCampaignId] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [issued, setIssued] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void loadProgram();
  }, [loadProgram]);

  const campaigns = program?.coupons.campaigns ?? [];
  const chosen = campaigns.some((c) => c.id === campaignId) ? campaignId : (campaigns[0]?.id ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!chosen) return;
    setBusy(true);
    const result = await issueCoupon(chosen);
    setBusy(false);
    if ('error' in result) {
      setError(result.error);
      setIssued(null);
    } else {
      setError(null);
      setIssued(result.coupon.code);
    }
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="issue-title">
      <h2 id="issue-title">{t('issue.title')}</h2>
      {campaigns.length === 0 ? (
        <p className="hint">{t('issue.noCampaigns')}</p>
      ) : (
        <label>
          {t('issue.campaign')}
          <select value={chosen} onChange={(e) => setCampaignId(e.target.value)}>
            {campaigns.map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <FieldError error={error} />
      {issued && (
        <p className="ok" role="status">
          {t('issue.done', { code: issued })}
        </p>
      )}
      <button type="submit" className="primary" disabled={busy || !chosen}>
        {t('issue.submit')}
      </button>
    </form>
  );
}
