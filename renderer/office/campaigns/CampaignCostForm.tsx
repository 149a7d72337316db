import { useCallback, useRef, useState, type FormEvent } from 'react';
import type { CampaignView } from '../../../shared/office/campaigns';
import { amountToInput, parseAmount, type Currency } from '../../../shared/money';
import type { OfficeError } from '../api/officeApi';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { isCurrency, useOfficeT } from '../i18n/useOfficeT';
import { terminalSetup } from '../stores/terminalSetup';

/**
 * An admin enters (or corrects, or clears) what a campaign cost, in the chain's currency (its
 * terminals', as the program page reads it): the results then show cost per incremental
 * customer and ROI.
 */
export function CampaignCostForm({
  campaign,
  onSaved,
}: {
  campaign: CampaignView;
  onSaved: (campaign: CampaignView) => void;
}) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [currency, setCurrency] = useState<Currency>('HKD');
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<OfficeError | null>(null);
  /** The admin has typed: the stored cost, arriving later, must not replace what they typed. */
  const typed = useRef(false);
  const fetchTerminals = useCallback(() => call('terminals.list'), [call]);
  const applyTerminals = useCallback(
    (r: Awaited<ReturnType<typeof fetchTerminals>>) => {
      const found = r.ok
        ? r.value.terminals.map((x) => terminalSetup(x).currency).find(isCurrency)
        : undefined;
      const money = found ?? 'HKD';
      setCurrency(money);
      if (!typed.current) {
        setText(campaign.costMinor === null ? '' : amountToInput(campaign.costMinor, money));
      }
    },
    [campaign.costMinor],
  );
  useLoader(fetchTerminals, applyTerminals);

  async function save(event: FormEvent) {
    event.preventDefault();
    const costMinor = text.trim() === '' ? null : parseAmount(text, currency);
    if (text.trim() !== '' && costMinor === null) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const saved = await call('campaigns.setCost', {
      params: { id: campaign.id },
      body: { costMinor },
    });
    setError(saved.ok ? null : saved.error);
    if (saved.ok) onSaved(saved.value);
  }

  const inputId = `campaign-cost-${campaign.id}`;
  return (
    <form className="campaign-cost" onSubmit={(e) => void save(e)}>
      <label className="office-field" htmlFor={inputId}>
        <span>{t('office.campaigns.cost', { currency })}</span>
        <input
          id={inputId}
          inputMode="decimal"
          value={text}
          aria-invalid={invalid}
          onChange={(e) => {
            typed.current = true;
            setText(e.target.value);
          }}
        />
      </label>
      {invalid && <p role="alert">{t('office.campaigns.costInvalid')}</p>}
      <button type="submit">{t('office.campaigns.saveCost')}</button>
      <ErrorNotice error={error} />
    </form>
  );
}
