import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { ProgramField } from './ProgramField';
import { ProgramSelect } from './ProgramSelect';

/** Coupons issued without a cashier asking: at enrollment, in the birthday month, after a spend. */
export function AutoCouponSettings() {
  const t = useT();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const campaigns = useAppStore((s) => s.programForm?.coupons.campaigns);
  const welcome = useAppStore((s) => s.programForm?.coupons.welcomeCampaignId ?? '');
  const birthday = useAppStore((s) => s.programForm?.coupons.birthdayCampaignId ?? '');
  const nextOrderCampaign = useAppStore((s) => s.programForm?.coupons.nextOrder.campaignId ?? '');
  const nextOrderSpend = useAppStore((s) => s.programForm?.coupons.nextOrder.spendMinor ?? '');
  const editProgram = useAppStore((s) => s.editProgram);
  const options = [
    { value: '', label: t('program.auto.none') },
    ...(campaigns ?? []).map((c, index) => ({
      value: c.id,
      label: c.name.trim() || t('program.campaign.legend', { n: index + 1 }),
    })),
  ];

  return (
    <fieldset className="program-item">
      <legend>{t('program.auto.title')}</legend>
      <div className="field-grid">
        <ProgramSelect<string>
          path="coupons.welcomeCampaignId"
          label={t('program.auto.welcome')}
          hint={t('program.auto.welcomeHint')}
          value={welcome}
          options={options}
          onChange={(value) => editProgram('coupons', (c) => ({ ...c, welcomeCampaignId: value }))}
        />
        <ProgramSelect<string>
          path="coupons.birthdayCampaignId"
          label={t('program.auto.birthday')}
          hint={t('program.auto.birthdayHint')}
          value={birthday}
          options={options}
          onChange={(value) => editProgram('coupons', (c) => ({ ...c, birthdayCampaignId: value }))}
        />
        <ProgramSelect<string>
          path="coupons.nextOrder.campaignId"
          label={t('program.auto.nextOrder')}
          hint={t('program.auto.nextOrderHint')}
          value={nextOrderCampaign}
          options={options}
          onChange={(value) =>
            editProgram('coupons', (c) => ({
              ...c,
              nextOrder: { ...c.nextOrder, campaignId: value },
            }))
          }
        />
        {nextOrderCampaign !== '' && (
          <ProgramField
            path="coupons.nextOrder.spendMinor"
            label={t('program.auto.nextOrderSpend', { currency })}
            kind="money"
            value={nextOrderSpend}
            onChange={(value) =>
              editProgram('coupons', (c) => ({
                ...c,
                nextOrder: { ...c.nextOrder, spendMinor: value },
              }))
            }
          />
        )}
      </div>
    </fieldset>
  );
}
