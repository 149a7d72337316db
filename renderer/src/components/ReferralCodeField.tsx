import { useEffect, useState } from 'react';
import { useT } from '../i18n/useT';
import { api } from '../api';
import { normaliseCode } from '../../../shared/rules/codes';

type Lookup =
  { state: 'empty' } | { state: 'typo' } | { state: 'found'; name: string } | { state: 'unknown' };

/** The code of the member who brought this one in; as it is typed, says whose it is. */
export function ReferralCodeField({
  value,
  onChange,
}: {
  value: string;
  onChange(value: string): void;
}) {
  const t = useT();
  const [lookup, setLookup] = useState<Lookup>({ state: 'empty' });
  const code = normaliseCode(value, 'referral');
  const typed = value.replace(/[\s-]/g, '');

  useEffect(() => {
    if (!code) return;
    let current = true;
    void api.invoke('member.byReferralCode', { code }).then((result) => {
      if (!current) return;
      if (result.ok && result.value) setLookup({ state: 'found', name: result.value.name });
      else setLookup({ state: 'unknown' });
    });
    return () => {
      current = false;
    };
  }, [code]);

  // Until the code is complete there is nothing to say; a complete code that fails its check
  // character is a typo, caught before any lookup.
  const shown: Lookup = code ? lookup : typed.length >= 12 ? { state: 'typo' } : { state: 'empty' };

  return (
    <div className="referral-field">
      <label>
        {t('enroll.referralCode')}
        <input
          value={value}
          onChange={(e) => {
            setLookup({ state: 'empty' });
            onChange(e.target.value);
          }}
          maxLength={20}
          autoComplete="off"
          spellCheck={false}
          placeholder="RFXX-XXXX-XXXX"
          aria-describedby="referral-status"
          aria-invalid={shown.state === 'typo' || shown.state === 'unknown'}
        />
      </label>
      <p
        id="referral-status"
        aria-live="polite"
        className={
          shown.state === 'found' ? 'ok' : shown.state === 'empty' ? 'hint' : 'field-error'
        }
        data-testid="referral-status"
      >
        {shown.state === 'found' && t('enroll.referredBy', { name: shown.name })}
        {shown.state === 'unknown' && t('error.referral_invalid')}
        {shown.state === 'typo' && t('enroll.referralTypo')}
        {shown.state === 'empty' && t('enroll.referralHint')}
      </p>
    </div>
  );
}
