import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { couponKinds, type CouponKind } from '../../../../shared/program';
import type { CampaignForm } from '../../program/programForm';
import type { MessageKey } from '../../../../shared/i18n';
import { ProgramField } from './ProgramField';
import { ProgramSelect } from './ProgramSelect';

/** One coupon campaign: what it gives, on what, to whom, when, and how often. */
export function CampaignEditor({ campaign, index }: { campaign: CampaignForm; index: number }) {
  const t = useT();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const editProgram = useAppStore((s) => s.editProgram);
  const path = `coupons.campaigns.${index}`;
  const n = index + 1;
  const edit = (patch: Partial<CampaignForm>) =>
    editProgram('coupons', (coupons) => ({
      ...coupons,
      campaigns: coupons.campaigns.map((c) => (c.key === campaign.key ? { ...c, ...patch } : c)),
    }));
  const remove = () =>
    editProgram('coupons', (coupons) => {
      // A removed campaign can no longer be issued automatically either.
      const gone = (id: string) => (id === campaign.id ? '' : id);
      return {
        campaigns: coupons.campaigns.filter((c) => c.key !== campaign.key),
        welcomeCampaignId: gone(coupons.welcomeCampaignId),
        birthdayCampaignId: gone(coupons.birthdayCampaignId),
        nextOrder: { ...coupons.nextOrder, campaignId: gone(coupons.nextOrder.campaignId) },
      };
    });
  const needsTarget = campaign.kind === 'free_item' || campaign.kind === 'buy_x_get_y';

  return (
    <fieldset className="program-item campaign">
      <legend>{t('program.campaign.legend', { n })}</legend>
      <div className="field-grid">
        <ProgramField
          path={`${path}.name`}
          label={t('program.campaign.name')}
          kind="text"
          maxLength={40}
          value={campaign.name}
          onChange={(value) => edit({ name: value })}
        />
        <ProgramSelect<CouponKind>
          path={`${path}.kind`}
          label={t('program.campaign.kind')}
          value={campaign.kind}
          options={couponKinds.map((kind) => ({
            value: kind,
            label: t(`coupon.kind.${kind}` as MessageKey),
          }))}
          onChange={(value) => edit({ kind: value })}
        />
        {campaign.kind === 'percent' && (
          <ProgramField
            path={`${path}.percentOff`}
            label={t('program.campaign.percentOff')}
            kind="percent"
            value={campaign.percentOff}
            onChange={(value) => edit({ percentOff: value })}
          />
        )}
        {campaign.kind === 'amount' && (
          <ProgramField
            path={`${path}.amountOffMinor`}
            label={t('program.campaign.amountOff', { currency })}
            kind="money"
            value={campaign.amountOffMinor}
            onChange={(value) => edit({ amountOffMinor: value })}
          />
        )}
        {campaign.kind === 'buy_x_get_y' && (
          <>
            <ProgramField
              path={`${path}.buyQuantity`}
              label={t('program.campaign.buyQuantity')}
              kind="number"
              value={campaign.buyQuantity}
              onChange={(value) => edit({ buyQuantity: value })}
            />
            <ProgramField
              path={`${path}.getQuantity`}
              label={t('program.campaign.getQuantity')}
              kind="number"
              value={campaign.getQuantity}
              onChange={(value) => edit({ getQuantity: value })}
            />
          </>
        )}
        <ProgramField
          path={`${path}.appliesTo`}
          label={t('program.campaign.appliesTo')}
          hint={
            needsTarget ? t('program.campaign.appliesToItem') : t('program.campaign.appliesToHint')
          }
          kind="text"
          maxLength={40}
          catalogueCodes
          value={campaign.appliesTo}
          onChange={(value) => edit({ appliesTo: value })}
        />
        <ProgramField
          path={`${path}.minimumBasketMinor`}
          label={t('program.campaign.minimumBasket', { currency })}
          kind="money"
          value={campaign.minimumBasketMinor}
          onChange={(value) => edit({ minimumBasketMinor: value })}
        />
        <ProgramField
          path={`${path}.validFrom`}
          label={t('program.campaign.validFrom')}
          kind="date"
          value={campaign.validFrom}
          onChange={(value) => edit({ validFrom: value })}
        />
        <ProgramField
          path={`${path}.validTo`}
          label={t('program.campaign.validTo')}
          kind="date"
          value={campaign.validTo}
          onChange={(value) => edit({ validTo: value })}
        />
        <ProgramField
          path={`${path}.validDays`}
          label={t('program.campaign.validDays')}
          hint={t('program.campaign.validDaysHint')}
          kind="number"
          value={campaign.validDays}
          onChange={(value) => edit({ validDays: value })}
        />
        <ProgramField
          path={`${path}.perMemberLimit`}
          label={t('program.campaign.perMemberLimit')}
          hint={t('program.campaign.limitHint')}
          kind="number"
          value={campaign.perMemberLimit}
          onChange={(value) => edit({ perMemberLimit: value })}
        />
        <ProgramField
          path={`${path}.totalLimit`}
          label={t('program.campaign.totalLimit')}
          hint={t('program.campaign.limitHint')}
          kind="number"
          value={campaign.totalLimit}
          onChange={(value) => edit({ totalLimit: value })}
        />
      </div>
      <div className="row">
        <label className="check">
          <input
            type="checkbox"
            checked={campaign.stackable}
            onChange={(e) => edit({ stackable: e.target.checked })}
          />
          {t('program.campaign.stackable')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={campaign.onlineOnly}
            onChange={(e) => edit({ onlineOnly: e.target.checked })}
          />
          {t('program.campaign.onlineOnly')}
        </label>
        <button type="button" className="remove" onClick={remove}>
          {t('program.campaign.remove', { n })}
        </button>
      </div>
    </fieldset>
  );
}
