import { useState, type FormEvent } from 'react';
import { useAppStore } from '../store';
import { useFormat, useT } from '../i18n/useT';
import { amountToInput, parseAmount } from '../../../shared/money';
import { pointsEarned, type PointsRule } from '../../../shared/points';
import type { AppError } from '../../../shared/result';
import { FieldError } from './FieldError';

function wholeNumber(text: string): number | null {
  return /^\d{1,7}$/.test(text) ? Number(text) : null;
}

/** The points rule, changed only with a manager's PIN, with a worked example of its effect. */
export function PointsRuleForm() {
  const t = useT();
  const format = useFormat();
  const terminal = useAppStore((s) => s.terminal);
  const setPointsRule = useAppStore((s) => s.setPointsRule);
  const currency = terminal?.currency ?? 'HKD';
  const rule = terminal?.pointsRule;
  const [earnPoints, setEarnPoints] = useState(String(rule?.earnPoints ?? 1));
  const [earnSpend, setEarnSpend] = useState(amountToInput(rule?.earnSpendMinor ?? 100, currency));
  const [redeemPoints, setRedeemPoints] = useState(String(rule?.redeemPoints ?? 100));
  const [redeemValue, setRedeemValue] = useState(
    amountToInput(rule?.redeemValueMinor ?? 500, currency),
  );
  const [pin, setPin] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);

  const draft: PointsRule | null = (() => {
    const ep = wholeNumber(earnPoints);
    const es = parseAmount(earnSpend, currency);
    const rp = wholeNumber(redeemPoints);
    const rv = parseAmount(redeemValue, currency);
    if (ep === null || es === null || rp === null || rv === null || es < 1 || rp < 1 || rv < 1) {
      return null;
    }
    return { earnPoints: ep, earnSpendMinor: es, redeemPoints: rp, redeemValueMinor: rv };
  })();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    const failure = await setPointsRule(draft, pin);
    setError(failure);
    setSaved(failure === null);
    setPin('');
  }

  const exampleMinor = 100_000;
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="rule-title">
      <h2 id="rule-title">{t('settings.pointsRule')}</h2>
      <div className="row">
        <label>
          {t('settings.earnPoints')}
          <input
            value={earnPoints}
            onChange={(e) => setEarnPoints(e.target.value)}
            inputMode="numeric"
          />
        </label>
        <label>
          {t('settings.earnSpend', { currency })}
          <input
            value={earnSpend}
            onChange={(e) => setEarnSpend(e.target.value)}
            inputMode="decimal"
          />
        </label>
      </div>
      <div className="row">
        <label>
          {t('settings.redeemPoints')}
          <input
            value={redeemPoints}
            onChange={(e) => setRedeemPoints(e.target.value)}
            inputMode="numeric"
          />
        </label>
        <label>
          {t('settings.redeemValue', { currency })}
          <input
            value={redeemValue}
            onChange={(e) => setRedeemValue(e.target.value)}
            inputMode="decimal"
          />
        </label>
      </div>
      <p className="hint" data-testid="rule-preview">
        {draft
          ? t('settings.preview', {
              amount: format.money(exampleMinor),
              points: format.points(pointsEarned(exampleMinor, draft)),
              redeem: format.points(draft.redeemPoints),
              value: format.money(draft.redeemValueMinor),
            })
          : t('settings.invalidRule')}
      </p>
      <label>
        {t('settings.managerPin')}
        <input
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
        />
      </label>
      <FieldError error={error} />
      {saved && (
        <p className="ok" role="status">
          {t('settings.saved')}
        </p>
      )}
      <button type="submit" className="primary" disabled={!draft || pin.length < 4}>
        {t('settings.saveRule')}
      </button>
    </form>
  );
}
