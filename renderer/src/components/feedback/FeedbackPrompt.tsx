import { useEffect, useState } from 'react';
import { api } from '../../api';
import { useT } from '../../i18n/useT';
import type { FeedbackSettings } from '../../../../shared/rules/feedback';
import { FeedbackForm } from './FeedbackForm';

/**
 * After a sale, where the customer display is not there to ask: "Ask for feedback" when the
 * program's sampling and not-twice rules pick this sale. A button, never a dialogue in the way of
 * the next sale.
 */
export function FeedbackPrompt({ saleId, memberId }: { saleId: string; memberId: string | null }) {
  const t = useT();
  const [settings, setSettings] = useState<FeedbackSettings | null>(null);
  const [ask, setAsk] = useState(false);
  const [open, setOpen] = useState(false);
  const [thanked, setThanked] = useState(false);

  useEffect(() => {
    let live = true;
    void Promise.all([
      api.invoke('feedback.settings', {}),
      api.invoke('feedback.shouldAsk', { saleId }),
    ]).then(([s, a]) => {
      if (!live) return;
      if (s.ok) setSettings(s.value);
      setAsk(a.ok && a.value.ask);
    });
    return () => {
      live = false;
    };
  }, [saleId]);

  if (thanked) {
    return (
      <p className="ok" role="status">
        {t('feedback.thanks')}
      </p>
    );
  }
  if (!settings || !ask) return null;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="ask-feedback">
        {t('feedback.ask')}
      </button>
    );
  }
  return (
    <FeedbackForm
      saleId={saleId}
      memberId={memberId}
      scale={settings.scale}
      reasonTags={settings.reasonTags}
      onDone={(sent) => {
        setOpen(false);
        setAsk(false);
        setThanked(sent);
      }}
    />
  );
}
