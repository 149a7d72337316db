import { useEffect, useMemo, useState } from 'react';
import { createDisplayClient } from './displayClient';
import { displayWords, guessLocale } from './displayWords';
import { useDisplayView } from './useDisplayView';
import { PairingForm } from './PairingForm';
import { BasketPanel } from './BasketPanel';
import { MemberPanel } from './MemberPanel';
import { ClosingQuestion } from './ClosingQuestion';
import { ConsentQuestions } from './ConsentQuestions';

const client = createDisplayClient();

/**
 * The customer-facing display: the sale as the till rings it up, the member greeted by their
 * first name with their points, and the closing question after the sale, all in the member's
 * language (else the shop's). It can do nothing else: its token has display powers only.
 */
export function DisplayApp() {
  const [paired, setPaired] = useState(client.paired());
  const { view, till } = useDisplayView(client, paired);
  /** The question this display has finished with, by sale, and whether it was answered. */
  const [doneWith, setDoneWith] = useState<{ saleId: string; answered: boolean } | null>(null);
  const words = useMemo(
    () => displayWords(view?.language ?? guessLocale(), view?.currency ?? 'HKD'),
    [view?.language, view?.currency],
  );

  useEffect(() => {
    document.documentElement.lang = words.locale;
    document.title = words.t('display.welcome');
  }, [words]);

  if (!paired || till === 'unpaired') {
    return (
      <PairingForm
        client={client}
        words={words}
        unpaired={till === 'unpaired'}
        onPaired={() => setPaired(true)}
      />
    );
  }
  if (!view) return <p className="loading">{words.t('app.loading')}</p>;
  const finished = view.question !== null && view.question.saleId === doneWith?.saleId;
  // Consent the till asked here comes first: the customer answers it before any closing question.
  const consent = view.consent;
  const question = consent || finished ? null : view.question;
  const thanked = view.thanked || (finished && doneWith?.answered === true);
  return (
    <main className={question || consent ? 'display asking' : 'display'}>
      {till === 'away' && (
        <p className="display-notice" role="status">
          {words.t('display.tillAway')}
        </p>
      )}
      <div className="display-side">
        {view.member ? (
          <MemberPanel member={view.member} words={words} />
        ) : (
          <h1 className="display-welcome">{words.t('display.welcome')}</h1>
        )}
        {consent ? (
          <ConsentQuestions consent={consent} client={client} words={words} />
        ) : question ? (
          <ClosingQuestion
            key={question.saleId}
            question={question}
            client={client}
            words={words}
            onDone={(answered) => setDoneWith({ saleId: question.saleId, answered })}
          />
        ) : (
          thanked && <p className="display-thanks">{words.t('display.thanks')}</p>
        )}
      </div>
      <BasketPanel view={view} words={words} />
    </main>
  );
}
