import { newCampaign, type CampaignForm } from '../../src/program/programForm';
import { useOfficeT } from '../i18n/useOfficeT';
import { CampaignItem } from './CampaignItem';
import type { SectionProps } from './sectionProps';

/** Coupon campaigns: what each gives, when it is valid, how often, and whether online only. */
export function CampaignFields({ form, edit, issues, currency, catalogue }: SectionProps) {
  const t = useOfficeT();
  const campaigns = form.coupons.campaigns;
  const setCampaigns = (change: (campaigns: CampaignForm[]) => CampaignForm[]) =>
    edit((f) => ({ ...f, coupons: { ...f.coupons, campaigns: change(f.coupons.campaigns) } }));
  return (
    <section className="card program-section" aria-labelledby="office-campaigns">
      <h2 id="office-campaigns">{t('program.coupons.title')}</h2>
      <p className="hint">{t('program.coupons.hint')}</p>
      {campaigns.length === 0 && <p className="empty">{t('program.coupons.none')}</p>}
      {campaigns.map((campaign, index) => (
        <CampaignItem
          key={campaign.key}
          campaign={campaign}
          index={index}
          issues={issues}
          currency={currency}
          catalogue={catalogue}
          onChange={(patch) =>
            setCampaigns((list) =>
              list.map((c) => (c.key === campaign.key ? { ...c, ...patch } : c)),
            )
          }
          onRemove={() => setCampaigns((list) => list.filter((c) => c.key !== campaign.key))}
        />
      ))}
      <button type="button" onClick={() => setCampaigns((list) => [...list, newCampaign()])}>
        {t('program.coupons.add')}
      </button>
    </section>
  );
}
