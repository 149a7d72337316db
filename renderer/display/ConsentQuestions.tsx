import { useState } from 'react';
import type { DisplayConsentQuestion } from '../../shared/display/displayView';
import type { ConsentAnswer } from '../../shared/rules/consent';
import type { DisplayClient } from './displayClient';
import type { DisplayWords } from './displayWords';

type Key = `${string}:${string}`;

/**
 * The consent questions the till asked here: each purpose in head office's wording, with a yes
 * and a no per channel and nothing chosen for the customer. "Done" sends every answer at once
 * (display.answerConsent); the core records them for the member the till named, as tapped here.
 */
export function ConsentQuestions({
  consent,
  client,
  words,
}: {
  consent: DisplayConsentQuestion;
  client: DisplayClient;
  words: DisplayWords;
}) {
  const { t } = words;
  const [answers, setAnswers] = useState<Record<Key, ConsentAnswer>>({});
  const [failed, setFailed] = useState(false);
  const [sending, setSending] = useState(false);
  const asked = consent.purposes.flatMap((p) =>
    p.channels.map((c) => ({ channel: c, purpose: p.purpose })),
  );
  const complete = asked.every((q) => answers[`${q.channel}:${q.purpose}`] !== undefined);

  async function send() {
    setSending(true);
    const result = await client.invoke('display.answerConsent', {
      answers: asked.flatMap((q) => {
        const answer = answers[`${q.channel}:${q.purpose}`];
        return answer ? [{ ...q, answer }] : [];
      }),
    });
    setSending(false);
    setFailed(!result.ok);
  }

  return (
    <section className="display-consent" aria-labelledby="display-consent-title">
      <h1 id="display-consent-title">{t('display.consentTitle')}</h1>
      <p className="display-consent-hint">{t('display.consentHint')}</p>
      {consent.purposes.map((p) => {
        const purposeName = t(`consent.purpose.${p.purpose}`);
        return (
          <fieldset key={p.purpose} className="display-consent-purpose">
            <legend>{purposeName}</legend>
            <p lang={consent.language}>{p.text}</p>
            {p.channels.map((channel) => {
              const channelName = t(`consent.channel.${channel}`);
              const key: Key = `${channel}:${p.purpose}`;
              return (
                <div
                  key={channel}
                  className="display-consent-channel"
                  role="group"
                  aria-label={`${purposeName}: ${channelName}`}
                >
                  <span>{channelName}</span>
                  {(['granted', 'withdrawn'] as const).map((option) => (
                    <button
                      key={option}
                      type="button"
                      className={answers[key] === option ? 'display-tag active' : 'display-tag'}
                      aria-pressed={answers[key] === option}
                      aria-label={t('consent.answerLabel', {
                        channel: channelName,
                        purpose: purposeName,
                        answer: t(option === 'granted' ? 'consent.agrees' : 'consent.declines'),
                      })}
                      onClick={() => setAnswers({ ...answers, [key]: option })}
                    >
                      {t(option === 'granted' ? 'display.consentYes' : 'display.consentNo')}
                    </button>
                  ))}
                </div>
              );
            })}
          </fieldset>
        );
      })}
      {failed && (
        <p className="field-error" role="alert">
          {t('display.consentFailed')}
        </p>
      )}
      <button
        type="button"
        className="primary display-send"
        disabled={!complete || sending}
        onClick={() => void send()}
      >
        {t('display.consentDone')}
      </button>
    </section>
  );
}
