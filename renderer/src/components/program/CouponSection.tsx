import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { newCampaign } from '../../program/programForm';
import { CampaignEditor } from './CampaignEditor';
import { AutoCouponSettings } from './AutoCouponSettings';
import { ListIssue } from './ListIssue';

/** Coupon campaigns, and which of them are issued automatically. */
export function CouponSection() {
  const t = useT();
  const campaigns = useAppStore((s) => s.programForm?.coupons.campaigns);
  const editProgram = useAppStore((s) => s.editProgram);
  if (!campaigns) return null;

  return (
    <section className="card program-section" aria-labelledby="program-coupons">
      <h2 id="program-coupons">{t('program.coupons.title')}</h2>
      <p className="hint">{t('program.coupons.hint')}</p>
      {campaigns.length === 0 && <p className="empty">{t('program.coupons.none')}</p>}
      {campaigns.map((campaign, index) => (
        <CampaignEditor key={campaign.key} campaign={campaign} index={index} />
      ))}
      <ListIssue path="coupons.campaigns" />
      <button
        type="button"
        onClick={() =>
          editProgram('coupons', (coupons) => ({
            ...coupons,
            campaigns: [...coupons.campaigns, newCampaign()],
          }))
        }
        disabled={campaigns.length >= 100}
      >
        {t('program.coupons.add')}
      </button>
      <AutoCouponSettings />
    </section>
  );
}
