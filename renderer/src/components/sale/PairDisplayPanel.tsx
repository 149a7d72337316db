import { useState } from 'react';
import { api } from '../../api';
import { useFormat, useT, useErrorText } from '../../i18n/useT';

/**
 * "Pair customer display": a six-digit code for a tablet or second screen opened at /display on
 * this host. Electron has its own display window, which needs no code, so the button is only
 * offered in the browser.
 */
export function PairDisplayPanel() {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const [pairing, setPairing] = useState<{ code: string; expiresAt: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (window.api) return null;
  const showCode = async () => {
    const result = await api.invoke('display.pairingCode', {});
    if (result.ok) {
      setPairing(result.value);
      setError(null);
    } else setError(errorText(result.error));
  };
  return (
    <div className="pair-display">
      <button type="button" onClick={() => void showCode()}>
        {t('display.pairButton')}
      </button>
      {pairing && (
        <div className="card pair-display-code" role="status">
          <p>{t('display.pairCodeIntro', { address: `${window.location.origin}/display` })}</p>
          <p className="pair-code" data-testid="pairing-code">
            {pairing.code}
          </p>
          <p className="hint">
            {t('display.pairCodeExpires', { time: format.time(pairing.expiresAt) })}
          </p>
          <button type="button" className="small" onClick={() => setPairing(null)}>
            {t('display.closeCode')}
          </button>
        </div>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
