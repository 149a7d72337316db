import { useState, type FormEvent } from 'react';
import type { DisplayClient } from './displayClient';
import type { DisplayWords } from './displayWords';

/** A display not yet paired: the six-digit code the till shows, typed here. */
export function PairingForm({
  client,
  words,
  unpaired,
  onPaired,
}: {
  client: DisplayClient;
  words: DisplayWords;
  unpaired: boolean;
  onPaired(): void;
}) {
  const { t } = words;
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await client.pair(code.trim());
    setBusy(false);
    if (result.ok) onPaired();
    else
      setError(
        result.error.code === 'pairing_code_wrong' || result.error.code === 'invalid_input'
          ? t('error.pairing_code_wrong')
          : t('display.tillAway'),
      );
  };
  return (
    <main className="display-pairing">
      <h1>{t('display.pairTitle')}</h1>
      {unpaired && <p className="display-notice">{t('display.unpaired')}</p>}
      <p>{t('display.pairHint')}</p>
      <form onSubmit={(event) => void submit(event)}>
        <label>
          {t('display.codeLabel')}
          <input
            inputMode="numeric"
            autoComplete="off"
            maxLength={6}
            pattern="\d{6}"
            value={code}
            onChange={(event) => setCode(event.target.value.replace(/\D/g, ''))}
            aria-invalid={error !== null}
            aria-describedby={error ? 'pair-error' : undefined}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || code.length !== 6}>
          {t('display.pair')}
        </button>
        {error && (
          <p id="pair-error" role="alert" className="field-error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}
