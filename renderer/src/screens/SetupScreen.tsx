import { useState, type FormEvent } from 'react';
import { useAppStore } from '../store';
import { guessLocale } from '../i18n/useT';
import { currencies, type Currency } from '../../../shared/money';
import { phoneCountries, type PhoneCountry } from '../../../shared/phone';
import { locales, type Locale } from '../../../shared/locale';
import { translate } from '../../../shared/i18n';
import type { AppError } from '../../../shared/result';

const timeZones = [
  'Asia/Hong_Kong',
  'Asia/Macau',
  'Asia/Taipei',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Kuala_Lumpur',
  'Europe/London',
  'America/New_York',
  'America/Los_Angeles',
];

function defaultTimeZone(): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return timeZones.includes(zone) ? zone : 'Asia/Hong_Kong';
}

/** First run: who this terminal is, in which shop, in which language and currency. */
export function SetupScreen() {
  const setupTerminal = useAppStore((s) => s.setupTerminal);
  const [locale, setLocale] = useState<Locale>(guessLocale());
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const [storeName, setStoreName] = useState('');
  const [terminalName, setTerminalName] = useState('');
  const [currency, setCurrency] = useState<Currency>('HKD');
  const [timeZone, setTimeZone] = useState(defaultTimeZone());
  const [phoneCountry, setPhoneCountry] = useState<PhoneCountry>('HK');
  const [managerName, setManagerName] = useState('');
  const [managerPin, setManagerPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const failure = await setupTerminal({
      storeName,
      terminalName,
      currency,
      timeZone,
      locale,
      phoneCountry,
      managerName,
      managerPin,
    });
    setBusy(false);
    setError(failure);
  }

  return (
    <main className="setup">
      <form className="card setup-form" onSubmit={submit} aria-labelledby="setup-title">
        <h1 id="setup-title">{t('setup.title')}</h1>
        <p className="hint">{t('setup.intro')}</p>
        <fieldset className="language-choice">
          <legend>{t('setup.language')}</legend>
          {locales.map((option) => (
            <button
              key={option}
              type="button"
              className={option === locale ? 'choice active' : 'choice'}
              aria-pressed={option === locale}
              lang={option}
              onClick={() => setLocale(option)}
            >
              {translate(option, 'language.name')}
            </button>
          ))}
        </fieldset>
        <label>
          {t('setup.storeName')}
          <input
            value={storeName}
            onChange={(e) => setStoreName(e.target.value)}
            required
            maxLength={80}
            autoFocus
          />
        </label>
        <label>
          {t('setup.terminalName')}
          <input
            value={terminalName}
            onChange={(e) => setTerminalName(e.target.value)}
            required
            maxLength={40}
          />
        </label>
        <div className="row">
          <label>
            {t('setup.currency')}
            <select value={currency} onChange={(e) => setCurrency(e.target.value as Currency)}>
              {currencies.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('setup.phoneCountry')}
            <select
              value={phoneCountry}
              onChange={(e) => setPhoneCountry(e.target.value as PhoneCountry)}
            >
              {phoneCountries.map((code) => (
                <option key={code} value={code}>
                  {translate(locale, `country.${code}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('setup.timeZone')}
            <select value={timeZone} onChange={(e) => setTimeZone(e.target.value)}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div className="row">
          <label>
            {t('setup.managerName')}
            <input
              value={managerName}
              onChange={(e) => setManagerName(e.target.value)}
              required
              maxLength={60}
            />
          </label>
          <label>
            {t('setup.managerPin')}
            <input
              value={managerPin}
              onChange={(e) => setManagerPin(e.target.value.replace(/\D/g, ''))}
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              pattern="\d{4,8}"
              minLength={4}
              maxLength={8}
              required
              aria-describedby="pin-hint"
            />
          </label>
        </div>
        <p className="hint" id="pin-hint">
          {t('setup.pinHint')}
        </p>
        {error && (
          <p className="field-error" role="alert">
            {translate(locale, `error.${error.code}`)}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {t('setup.start')}
        </button>
      </form>
    </main>
  );
}
