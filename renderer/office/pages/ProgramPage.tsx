import { useCallback, useMemo, useState } from 'react';
import type { Currency } from '../../../shared/money';
import type { CatalogueCodes } from '../../../shared/office/catalogue';
import type { PulledConfig } from '../../../shared/sync/protocol';
import { programToForm, type ProgramForm } from '../../src/program/programForm';
import type { OfficeError } from '../api/officeApi';
import type { ConfigVersion } from '../../../shared/office/config';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { isCurrency, useOfficeT } from '../i18n/useOfficeT';
import { CampaignFields } from '../program/CampaignFields';
import { CatalogueCodeList } from '../program/CatalogueCodeList';
import { ConfigHistory } from '../program/ConfigHistory';
import { ProgramProposals } from '../program/ProgramProposals';
import { EarnAndRedeemFields } from '../program/EarnAndRedeemFields';
import { OfflinePolicyFields } from '../program/OfflinePolicyFields';
import { checkDraft, policyToForm, type PolicyForm } from '../program/programDraft';
import { ReferralFields } from '../program/ReferralFields';
import { TierFields } from '../program/TierFields';
import { terminalSetup } from '../stores/terminalSetup';

/**
 * The chain's loyalty program and offline policy. Saving makes a new version; every terminal
 * adopts it on its next pull. Amounts are shown in the chain's currency (its terminals').
 */
export function ProgramPage() {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [current, setCurrent] = useState<PulledConfig | null>(null);
  const [currency, setCurrency] = useState<Currency>('HKD');
  const [form, setForm] = useState<ProgramForm | null>(null);
  const [policy, setPolicy] = useState<PolicyForm | null>(null);
  const [history, setHistory] = useState<ConfigVersion[]>([]);
  const [error, setError] = useState<OfficeError | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [storeOverrides, setStoreOverrides] = useState(false);
  const [catalogue, setCatalogue] = useState<CatalogueCodes | null>(null);

  const fetchAll = useCallback(
    () =>
      Promise.all([
        call('config.get'),
        call('config.history'),
        call('terminals.list'),
        call('catalogue.codes'),
      ]),
    [call],
  );
  const applyAll = useCallback(
    ([config, versions, terminals, codes]: Awaited<ReturnType<typeof fetchAll>>) => {
      setCatalogue(codes.ok ? codes.value : null);
      const chainCurrency = terminals.ok
        ? terminals.value.terminals.map((x) => terminalSetup(x).currency).find(isCurrency)
        : undefined;
      const money: Currency = chainCurrency ?? 'HKD';
      setCurrency(money);
      if (config.ok) {
        setCurrent(config.value);
        setForm(programToForm(config.value.program, money));
        setPolicy(policyToForm(config.value.offlineRedemption));
        setStoreOverrides(config.value.storeOverrides);
      }
      if (versions.ok) setHistory(versions.value.versions);
      setError(config.ok ? null : config.error);
    },
    [],
  );
  const load = useLoader(fetchAll, applyAll);

  const draft = useMemo(
    () => (form && policy ? checkDraft(form, policy, currency, storeOverrides) : null),
    [form, policy, currency, storeOverrides],
  );

  async function save() {
    if (!draft?.config) return;
    const result = await call('config.set', { body: draft.config });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSaved(result.value.version);
    await load();
  }

  if (!form || !policy || !draft || !current) {
    return (
      <div className="office-page">
        <ErrorNotice error={error} />
        <p className="loading">{t('office.loading')}</p>
      </div>
    );
  }
  const section = {
    form,
    edit: (change: (f: ProgramForm) => ProgramForm) => {
      setSaved(null);
      setForm((f) => (f ? change(f) : f));
    },
    issues: draft.issues,
    currency,
    catalogue,
  };
  return (
    <div className="office-page program-screen">
      <div className="program-main">
        <div className="title-row">
          <h1>{t('office.program.title')}</h1>
          <span className="hint" data-testid="config-version">
            {t('office.program.version', { version: current.version })}
          </span>
        </div>
        <p className="hint">{t('office.program.intro')}</p>
        <CatalogueCodeList codes={catalogue} />
        <EarnAndRedeemFields {...section} />
        <TierFields {...section} />
        <CampaignFields {...section} />
        <ReferralFields {...section} />
        <OfflinePolicyFields
          policy={policy}
          issues={draft.issues}
          onChange={(next) => {
            setSaved(null);
            setPolicy(next);
          }}
        />
        <section className="card program-section" aria-labelledby="office-overrides">
          <h2 id="office-overrides">{t('office.program.overridesTitle')}</h2>
          <label className="check">
            <input
              type="checkbox"
              checked={storeOverrides}
              data-testid="store-overrides"
              onChange={(e) => {
                setSaved(null);
                setStoreOverrides(e.target.checked);
              }}
            />
            {t('office.program.overrides')}
          </label>
        </section>
      </div>
      <aside className="program-side">
        <section className="card">
          <ErrorNotice error={error} />
          {Object.keys(draft.issues).length > 0 && (
            <p className="field-error" role="status">
              {t('office.program.fix', { count: Object.keys(draft.issues).length })}
            </p>
          )}
          {saved !== null && (
            <p className="ok" role="status">
              {t('office.program.saved', { version: saved })}
            </p>
          )}
          <button
            type="button"
            className="primary"
            disabled={!draft.config}
            onClick={() => void save()}
          >
            {t('office.program.save')}
          </button>
        </section>
        <ProgramProposals chain={current.program} onAdopted={() => void load()} />
        <ConfigHistory versions={history} />
      </aside>
    </div>
  );
}
