import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useAppStore } from '../../store';
import { useErrorText, useFormat, useLocale, useT } from '../../i18n/useT';
import {
  consentChannels,
  consentPurposes,
  type ConsentChannel,
  type ConsentOfMember,
  type ConsentPurpose,
} from '../../../../shared/rules/consent';
import type { AppError } from '../../../../shared/result';
import { useConsentWording } from './useConsentWording';

/**
 * What the member has agreed to now, per channel and purpose, with withdrawal one step away (a
 * button on each answer that stands as agreed), and every event behind it.
 */
export function MemberConsent({ memberId }: { memberId: string }) {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const locale = useLocale();
  const wording = useConsentWording(locale);
  const reloadMember = useAppStore((s) => s.reloadMember);
  const [consent, setConsent] = useState<ConsentOfMember | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** Asking on the customer display: the customer answers there, the till waits. */
  const [asking, setAsking] = useState(false);
  /** Whether a customer display is paired: only then can the customer answer there. */
  const [displayPaired, setDisplayPaired] = useState(false);

  useEffect(() => {
    let current = true;
    void api.invoke('display.status', {}).then((result) => {
      if (current && result.ok) setDisplayPaired(result.value.paired);
    });
    return () => {
      current = false;
    };
  }, [memberId]);

  useEffect(() => {
    let current = true;
    void api.invoke('consent.ofMember', { memberId }).then((result) => {
      if (!current) return;
      if (result.ok) setConsent(result.value);
      else setError(result.error);
    });
    return () => {
      current = false;
    };
  }, [memberId]);

  // While the display asks, look once a second whether it still does; when it stops (answered
  // or stopped), show what now stands.
  useEffect(() => {
    if (!asking) return;
    const timer = setInterval(() => {
      void api.invoke('display.view', {}).then(async (view) => {
        if (!view.ok || view.value.consent) return;
        setAsking(false);
        const result = await api.invoke('consent.ofMember', { memberId });
        if (!result.ok) return;
        const answered = result.value.history.length > (consent?.history.length ?? 0);
        setConsent(result.value);
        if (answered) {
          setDone(t('consent.answeredOnDisplay'));
          await reloadMember();
        }
      });
    }, 1000);
    return () => clearInterval(timer);
  }, [asking, memberId, consent, t, reloadMember]);

  async function askOnDisplay() {
    setError(null);
    setDone(null);
    const result = await api.invoke('display.askConsent', { memberId });
    if (result.ok) setAsking(true);
    else setError(result.error);
  }

  async function stopAsking() {
    await api.invoke('display.clearConsent', {});
    setAsking(false);
  }

  const names = (channel: ConsentChannel, purpose: ConsentPurpose) => ({
    channel: t(`consent.channel.${channel}`),
    purpose: t(`consent.purpose.${purpose}`),
  });

  async function withdraw(channel: ConsentChannel, purpose: ConsentPurpose) {
    const shown = wording?.[purpose];
    if (!shown) return;
    setError(null);
    const result = await api.invoke('consent.record', {
      memberId,
      consent: {
        method: 'cashier_verbal',
        language: locale,
        answers: [{ channel, purpose, answer: 'withdrawn', wordingVersion: shown.version }],
      },
    });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setConsent(result.value);
    setDone(t('consent.withdrawn', names(channel, purpose)));
    // The single "offers" line on the member's facts follows the ledger.
    await reloadMember();
  }

  if (!consent) return null;
  const standing = new Map(consent.current.map((s) => [`${s.channel}:${s.purpose}`, s]));
  return (
    <div className="card consent-now" data-testid="member-consent-ledger">
      <table>
        <thead>
          <tr>
            <th />
            {consentPurposes.map((purpose) => (
              <th key={purpose} scope="col">
                {t(`consent.purpose.${purpose}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {consentChannels.map((channel) => (
            <tr key={channel}>
              <th scope="row">{t(`consent.channel.${channel}`)}</th>
              {consentPurposes.map((purpose) => {
                const state = standing.get(`${channel}:${purpose}`);
                return (
                  <td key={purpose} data-testid={`consent-${channel}-${purpose}`}>
                    {!state
                      ? t('consent.notAsked')
                      : state.answer === 'granted'
                        ? t('consent.agreed')
                        : t('consent.declined')}
                    {state?.answer === 'granted' && (
                      <button
                        type="button"
                        className="link"
                        aria-label={t('consent.withdrawLabel', names(channel, purpose))}
                        disabled={!wording?.[purpose]}
                        onClick={() => void withdraw(channel, purpose)}
                      >
                        {t('consent.withdraw')}
                      </button>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {asking ? (
        <p className="hint" role="status">
          {t('consent.askingOnDisplay')}{' '}
          <button type="button" className="link" onClick={() => void stopAsking()}>
            {t('consent.stopAsking')}
          </button>
        </p>
      ) : (
        displayPaired && (
          <button type="button" onClick={() => void askOnDisplay()}>
            {t('consent.askOnDisplay')}
          </button>
        )
      )}
      {done && (
        <p className="hint" role="status">
          {done}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {errorText(error)}
        </p>
      )}
      {consent.history.length > 0 && (
        <details>
          <summary>{t('consent.history')}</summary>
          <ul>
            {consent.history.map((event) => (
              <li key={event.id}>
                {t('consent.historyEntry', {
                  when: format.dateTime(event.at),
                  ...names(event.channel, event.purpose),
                  answer: t(event.answer === 'granted' ? 'consent.agreed' : 'consent.declined'),
                  how: t(`consent.method.${event.method}`),
                })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
