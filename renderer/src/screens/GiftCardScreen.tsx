import { useState, type FormEvent } from 'react';
import { useT } from '../i18n/useT';
import { api } from '../api';
import { normaliseCode } from '../../../shared/rules/codes';
import type { GiftCardView } from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import { FieldError } from '../components/FieldError';
import { GiftCardFacts } from '../components/GiftCardFacts';

/** Scan or type a gift card to see what it holds, for a customer asking at the counter. */
export function GiftCardScreen() {
  const t = useT();
  const [code, setCode] = useState('');
  const [card, setCard] = useState<GiftCardView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function check(event: FormEvent) {
    event.preventDefault();
    setCard(null);
    const canonical = normaliseCode(code, 'giftCard');
    if (!canonical) {
      setError({ code: 'gift_card_invalid_code', message: 'check character' });
      return;
    }
    setBusy(true);
    const result = await api.invoke('giftCard.balance', { code: canonical });
    setBusy(false);
    if (result.ok) {
      setCard(result.value);
      setError(null);
    } else setError(result.error);
  }

  return (
    <section aria-labelledby="gift-card-title" className="gift-card-screen">
      <h1 id="gift-card-title">{t('giftCard.title')}</h1>
      <form className="card form" onSubmit={check}>
        <label>
          {t('giftCard.code')}
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            maxLength={20}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder="GCXX-XXXX-XXXX"
            aria-describedby="gift-card-hint"
          />
        </label>
        <p className="hint" id="gift-card-hint">
          {t('giftCard.hint')}
        </p>
        <FieldError error={error} />
        <button type="submit" className="primary" disabled={busy || code.trim() === ''}>
          {t('giftCard.check')}
        </button>
      </form>
      {card && <GiftCardFacts card={card} />}
    </section>
  );
}
