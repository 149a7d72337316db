import type { MessageKey } from '../../../shared/i18n';
import type { RfmScope } from './analyticsApi';

const scopes: { scope: RfmScope; label: MessageKey }[] = [
  { scope: 'allHistory', label: 'analytics.rfmScopeAll' },
  { scope: 'period', label: 'analytics.rfmScopePeriod' },
];

/**
 * What the RFM panel covers. All history is the default: segments are about who a customer is
 * now, and a 30-day window would call last year's best customer "lost" or leave them out.
 */
export function RfmScopeChoice(props: {
  scope: RfmScope;
  onChange: (scope: RfmScope) => void;
  t: (key: MessageKey) => string;
}) {
  return (
    <fieldset className="rfm-scope">
      <legend>{props.t('analytics.rfmScope')}</legend>
      {scopes.map(({ scope, label }) => (
        <label key={scope} className="choice">
          <input
            type="radio"
            name="rfm-scope"
            value={scope}
            checked={props.scope === scope}
            onChange={() => props.onChange(scope)}
          />
          <span>{props.t(label)}</span>
        </label>
      ))}
    </fieldset>
  );
}
