import { couponKinds, type CouponKind } from '../../../shared/program';
import { newCampaign, type CampaignForm } from '../../src/program/programForm';
import { useOfficeT } from '../i18n/useOfficeT';
import { OfficeField } from './OfficeField';
import type { SectionProps } from './sectionProps';

/** Coupon campaigns: what each gives, how long it lasts, how often, and whether online only. */
export function CampaignFields({ form, edit, issues, currency }: SectionProps) {
  const t = useOfficeT();
  const campaigns = form.coupons.campaigns;
  const setCampaign = (key: string, patch: Partial<CampaignForm>) =>
    edit((f) => ({
      ...f,
      coupons: {
        ...f.coupons,
        campaigns: f.coupons.campaigns.map((c) => (c.key === key ? { ...c, ...patch } : c)),
      },
    }));
  return (
    <section className="card program-section" aria-labelledby="office-campaigns">
      <h2 id="office-campaigns">{t('program.coupons.title')}</h2>
      {campaigns.length === 0 && <p className="empty">{t('program.coupons.none')}</p>}
      {campaigns.map((campaign, index) => {
        const at = (field: string) => issues[`coupons.campaigns.${index}.${field}`];
        return (
          <fieldset key={campaign.key} className="program-item">
            <legend>{t('program.campaign.legend', { n: index + 1 })}</legend>
            <div className="field-grid">
              <OfficeField
                label={t('program.campaign.name')}
                value={campaign.name}
                inputMode="text"
                issue={at('name')}
                onChange={(name) => setCampaign(campaign.key, { name })}
              />
              <label className="program-field">
                <span>{t('program.campaign.kind')}</span>
                <select
                  value={campaign.kind}
                  onChange={(event) =>
                    setCampaign(campaign.key, { kind: event.target.value as CouponKind })
                  }
                >
                  {couponKinds.map((kind) => (
                    <option key={kind} value={kind}>
                      {t(`office.couponKind.${kind}`)}
                    </option>
                  ))}
                </select>
              </label>
              {campaign.kind === 'percent' && (
                <OfficeField
                  label={t('program.campaign.percentOff')}
                  value={campaign.percentOff}
                  issue={at('percentOff')}
                  onChange={(percentOff) => setCampaign(campaign.key, { percentOff })}
                />
              )}
              {campaign.kind === 'amount' && (
                <OfficeField
                  label={t('program.campaign.amountOff', { currency })}
                  value={campaign.amountOffMinor}
                  inputMode="decimal"
                  issue={at('amountOffMinor')}
                  onChange={(amountOffMinor) => setCampaign(campaign.key, { amountOffMinor })}
                />
              )}
              <OfficeField
                label={t('program.campaign.validDays')}
                hint={t('program.campaign.validDaysHint')}
                value={campaign.validDays}
                issue={at('validDays')}
                onChange={(validDays) => setCampaign(campaign.key, { validDays })}
              />
              <OfficeField
                label={t('program.campaign.perMemberLimit')}
                hint={t('program.campaign.limitHint')}
                value={campaign.perMemberLimit}
                issue={at('perMemberLimit')}
                onChange={(perMemberLimit) => setCampaign(campaign.key, { perMemberLimit })}
              />
              <label className="choice">
                <input
                  type="checkbox"
                  checked={campaign.onlineOnly}
                  onChange={(event) =>
                    setCampaign(campaign.key, { onlineOnly: event.target.checked })
                  }
                />
                {t('program.campaign.onlineOnly')}
              </label>
            </div>
            {Object.entries(issues).some(([path]) =>
              path.startsWith(`coupons.campaigns.${index}.`),
            ) && <p className="field-error">{t('office.program.campaignIssue')}</p>}
            <button
              type="button"
              onClick={() =>
                edit((f) => ({
                  ...f,
                  coupons: {
                    ...f.coupons,
                    campaigns: f.coupons.campaigns.filter((c) => c.key !== campaign.key),
                  },
                }))
              }
            >
              {t('program.campaign.remove', { n: index + 1 })}
            </button>
          </fieldset>
        );
      })}
      <button
        type="button"
        onClick={() =>
          edit((f) => ({
            ...f,
            coupons: { ...f.coupons, campaigns: [...f.coupons.campaigns, newCampaign()] },
          }))
        }
      >
        {t('program.coupons.add')}
      </button>
    </section>
  );
}
