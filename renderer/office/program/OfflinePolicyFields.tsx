import type { IssueMap } from '../../src/program/programIssues';
import { useOfficeT } from '../i18n/useOfficeT';
import { OfficeField } from './OfficeField';
import type { PolicyForm } from './programDraft';

/** How far a shop cut off from head office may let members spend points. */
export function OfflinePolicyFields(props: {
  policy: PolicyForm;
  onChange: (policy: PolicyForm) => void;
  issues: IssueMap;
}) {
  const t = useOfficeT();
  const { policy, onChange, issues } = props;
  return (
    <section className="card program-section" aria-labelledby="office-offline">
      <h2 id="office-offline">{t('office.program.offlineTitle')}</h2>
      <p className="hint">{t('office.program.offlineHint')}</p>
      <div className="field-grid">
        <OfficeField
          label={t('office.program.perSale')}
          value={policy.maxPointsPerSaleOffline}
          issue={issues['offlineRedemption.maxPointsPerSaleOffline']}
          testId="offline-per-sale"
          onChange={(value) => onChange({ ...policy, maxPointsPerSaleOffline: value })}
        />
        <OfficeField
          label={t('office.program.perMember')}
          value={policy.maxPointsPerMemberOffline}
          issue={issues['offlineRedemption.maxPointsPerMemberOffline']}
          onChange={(value) => onChange({ ...policy, maxPointsPerMemberOffline: value })}
        />
        <OfficeField
          label={t('office.program.hours')}
          value={policy.maxOfflineHours}
          issue={issues['offlineRedemption.maxOfflineHours']}
          onChange={(value) => onChange({ ...policy, maxOfflineHours: value })}
        />
      </div>
    </section>
  );
}
