import { useId } from 'react';
import { useIssueText } from './useIssueText';
import { useProgramIssue } from './useProgramIssue';

interface ProgramSelectProps<V extends string> {
  path: string;
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange(value: V): void;
  hint?: string;
  labelHidden?: boolean;
}

/** A choice among a few program options, with its issue when the choice is not valid. */
export function ProgramSelect<V extends string>(props: ProgramSelectProps<V>) {
  const { path, label, value, options, onChange, hint, labelHidden } = props;
  const id = useId();
  const issue = useProgramIssue(path);
  const issueText = useIssueText();
  const describedBy = [issue ? `${id}-issue` : '', hint ? `${id}-hint` : ''].join(' ').trim();
  return (
    <div className="program-field">
      <label htmlFor={id} className={labelHidden ? 'sr-only' : undefined}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value as V)}
        aria-invalid={issue ? true : undefined}
        aria-describedby={describedBy || undefined}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {issue && (
        <span className="field-error" id={`${id}-issue`}>
          {issueText(issue, 'choice')}
        </span>
      )}
    </div>
  );
}
