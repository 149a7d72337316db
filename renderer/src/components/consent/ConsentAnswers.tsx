import { useT } from '../../i18n/useT';
import {
  consentChannels,
  consentPurposes,
  type ConsentAnswer,
  type ConsentChannel,
  type ConsentPurpose,
  type ConsentWording,
} from '../../../../shared/rules/consent';
import type { Locale } from '../../../../shared/locale';

/** The answers taken so far, per "channel:purpose"; a pair absent was not asked. */
export type ConsentDraft = Partial<Record<`${ConsentChannel}:${ConsentPurpose}`, ConsentAnswer>>;

/**
 * One question per purpose, read to the customer in the wording head office published, and one
 * answer per channel. Nothing is ticked until the customer answers; a purpose can be cleared
 * back to "not asked".
 */
export function ConsentAnswers({
  value,
  onChange,
  wording,
  language,
}: {
  value: ConsentDraft;
  onChange: (draft: ConsentDraft) => void;
  wording: Partial<Record<ConsentPurpose, ConsentWording>> | null;
  language: Locale;
}) {
  const t = useT();
  const set = (channel: ConsentChannel, purpose: ConsentPurpose, answer: ConsentAnswer) =>
    onChange({ ...value, [`${channel}:${purpose}`]: answer });
  const clear = (purpose: ConsentPurpose) =>
    onChange(
      Object.fromEntries(
        Object.entries(value).filter(([key]) => !key.endsWith(`:${purpose}`)),
      ) as ConsentDraft,
    );
  return (
    <fieldset className="consent" data-testid="consent-answers">
      <legend>{t('consent.title')}</legend>
      <p className="hint">{t('consent.explain')}</p>
      {consentPurposes.map((purpose) => {
        const purposeName = t(`consent.purpose.${purpose}`);
        const shown = wording?.[purpose];
        return (
          <fieldset key={purpose} className="consent-purpose">
            <legend>{purposeName}</legend>
            {shown && (
              <p lang={language}>
                {shown.text}{' '}
                <span className="hint">{t('consent.version', { version: shown.version })}</span>
              </p>
            )}
            <div className="consent-channels">
              {consentChannels.map((channel) => {
                const channelName = t(`consent.channel.${channel}`);
                const answer = value[`${channel}:${purpose}`];
                return (
                  <div key={channel} className="consent-channel" role="radiogroup">
                    <span>{channelName}</span>
                    {(['granted', 'withdrawn'] as const).map((option) => {
                      const word = t(option === 'granted' ? 'consent.agrees' : 'consent.declines');
                      return (
                        <label key={option} className="radio">
                          <input
                            type="radio"
                            name={`consent-${channel}-${purpose}`}
                            aria-label={t('consent.answerLabel', {
                              channel: channelName,
                              purpose: purposeName,
                              answer: word,
                            })}
                            checked={answer === option}
                            disabled={!shown}
                            onChange={() => set(channel, purpose, option)}
                          />
                          {word}
                        </label>
                      );
                    })}
                  </div>
                );
              })}
            </div>
            <button type="button" className="link" onClick={() => clear(purpose)}>
              {t('consent.clear')}
            </button>
          </fieldset>
        );
      })}
    </fieldset>
  );
}

/** The draft as consent.record / member.enroll take it, with the version of each wording shown. */
export function consentInput(
  draft: ConsentDraft,
  wording: Partial<Record<ConsentPurpose, ConsentWording>> | null,
  language: Locale,
) {
  const answers = Object.entries(draft).flatMap(([key, answer]) => {
    const [channel, purpose] = key.split(':') as [ConsentChannel, ConsentPurpose];
    const shown = wording?.[purpose];
    return shown && answer ? [{ channel, purpose, answer, wordingVersion: shown.version }] : [];
  });
  return answers.length > 0 ? { method: 'cashier_verbal' as const, language, answers } : undefined;
}
