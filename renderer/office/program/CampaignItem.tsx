import type { Currency } from '../../../shared/money';
import type { CatalogueCodes } from '../../../shared/office/catalogue';
import { couponKinds, type CouponKind } from '../../../shared/program';
import type { CampaignForm } from '../../src/program/programForm';
import type { IssueMap } from '../../src/program/programIssues';
import { useOfficeT } from '../i18n/useOfficeT';
import { CATALOGUE_CODES_LIST, unknownCatalogueCode } from './catalogueCodes';
import { OfficeField } from './OfficeField';

/**
 * One campaign. Only the fields its kind uses are shown (the form sends the others as null, so a
 * hidden field never blocks saving); dates are calendar days, limits 0 = none.
 */
export function CampaignItem(props: {
  campaign: CampaignForm;
  index: number;
  issues: IssueMap;
  currency: Currency;
  catalogue: CatalogueCodes | null;
  onChange: (patch: Partial<CampaignForm>) => void;
  onRemove: () => void;
}) {
  const t = useOfficeT();
  const { campaign, index, issues, currency, onChange } = props;
  const n = index + 1;
  const prefix = `coupons.campaigns.${index}.`;
  const at = (field: string) => issues[`${prefix}${field}`];
  const kind = campaign.kind;
  return (
    <fieldset className="program-item" data-campaign={n}>
      <legend>{t('program.campaign.legend', { n })}</legend>
      <div className="field-grid">
        <OfficeField
          label={t('program.campaign.name')}
          value={campaign.name}
          inputMode="text"
          maxLength={40}
          issue={at('name')}
          onChange={(name) => onChange({ name })}
        />
        <label className="program-field">
          <span>{t('program.campaign.kind')}</span>
          <select
            value={kind}
            onChange={(event) => onChange({ kind: event.target.value as CouponKind })}
          >
            {couponKinds.map((option) => (
              <option key={option} value={option}>
                {t(`office.couponKind.${option}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'percent' && (
          <OfficeField
            label={`${t('program.campaign.percentOff')} (%)`}
            value={campaign.percentOff}
            issue={at('percentOff')}
            onChange={(percentOff) => onChange({ percentOff })}
          />
        )}
        {kind === 'amount' && (
          <OfficeField
            label={t('program.campaign.amountOff', { currency })}
            value={campaign.amountOffMinor}
            inputMode="decimal"
            issue={at('amountOffMinor')}
            onChange={(amountOffMinor) => onChange({ amountOffMinor })}
          />
        )}
        {kind === 'buy_x_get_y' && (
          <>
            <OfficeField
              label={t('program.campaign.buyQuantity')}
              value={campaign.buyQuantity}
              issue={at('buyQuantity')}
              onChange={(buyQuantity) => onChange({ buyQuantity })}
            />
            <OfficeField
              label={t('program.campaign.getQuantity')}
              value={campaign.getQuantity}
              issue={at('getQuantity')}
              onChange={(getQuantity) => onChange({ getQuantity })}
            />
          </>
        )}
        <OfficeField
          label={t('program.campaign.appliesTo')}
          hint={
            kind === 'free_item' || kind === 'buy_x_get_y'
              ? t('program.campaign.appliesToItem')
              : t('program.campaign.appliesToHint')
          }
          value={campaign.appliesTo}
          inputMode="text"
          maxLength={40}
          list={CATALOGUE_CODES_LIST}
          warning={
            unknownCatalogueCode(props.catalogue, campaign.appliesTo)
              ? t('office.catalogue.pick.unknown', { code: campaign.appliesTo.trim() })
              : undefined
          }
          issue={at('appliesTo')}
          onChange={(appliesTo) => onChange({ appliesTo })}
        />
        <OfficeField
          label={t('program.campaign.minimumBasket', { currency })}
          value={campaign.minimumBasketMinor}
          inputMode="decimal"
          issue={at('minimumBasketMinor')}
          onChange={(minimumBasketMinor) => onChange({ minimumBasketMinor })}
        />
        <OfficeField
          label={t('program.campaign.validFrom')}
          type="date"
          value={campaign.validFrom}
          issue={at('validFrom')}
          testId={`campaign-${n}-valid-from`}
          onChange={(validFrom) => onChange({ validFrom })}
        />
        <OfficeField
          label={t('program.campaign.validTo')}
          type="date"
          value={campaign.validTo}
          issue={at('validTo')}
          testId={`campaign-${n}-valid-to`}
          onChange={(validTo) => onChange({ validTo })}
        />
        <OfficeField
          label={t('program.campaign.validDays')}
          hint={t('program.campaign.validDaysHint')}
          value={campaign.validDays}
          issue={at('validDays')}
          onChange={(validDays) => onChange({ validDays })}
        />
        <OfficeField
          label={t('program.campaign.perMemberLimit')}
          hint={t('program.campaign.limitHint')}
          value={campaign.perMemberLimit}
          issue={at('perMemberLimit')}
          onChange={(perMemberLimit) => onChange({ perMemberLimit })}
        />
        <OfficeField
          label={t('program.campaign.totalLimit')}
          hint={t('program.campaign.limitHint')}
          value={campaign.totalLimit}
          issue={at('totalLimit')}
          testId={`campaign-${n}-total-limit`}
          onChange={(totalLimit) => onChange({ totalLimit })}
        />
        <label className="choice">
          <input
            type="checkbox"
            checked={campaign.stackable}
            onChange={(event) => onChange({ stackable: event.target.checked })}
          />
          {t('program.campaign.stackable')}
        </label>
        <label className="choice">
          <input
            type="checkbox"
            checked={campaign.onlineOnly}
            onChange={(event) => onChange({ onlineOnly: event.target.checked })}
          />
          {t('program.campaign.onlineOnly')}
        </label>
      </div>
      {Object.keys(issues).some((path) => path.startsWith(prefix)) && (
        <p className="field-error">{t('office.program.campaignIssue')}</p>
      )}
      <button type="button" onClick={props.onRemove}>
        {t('program.campaign.remove', { n })}
      </button>
    </fieldset>
  );
}
