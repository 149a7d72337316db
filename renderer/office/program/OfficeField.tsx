import { useId } from 'react';
import type { FormIssue } from '../../src/program/programIssues';
import { useIssueWords } from './useIssueWords';

/** One text input with its label, hint and the schema's issue for it. */
export function OfficeField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  issue?: FormIssue | undefined;
  hint?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  testId?: string;
}) {
  const id = useId();
  const words = useIssueWords();
  const problem = words(props.issue);
  return (
    <label className="program-field" htmlFor={id}>
      <span>{props.label}</span>
      <input
        id={id}
        value={props.value}
        inputMode={props.inputMode ?? 'numeric'}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-issue` : undefined}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint && <span className="hint">{props.hint}</span>}
      {problem && (
        <span id={`${id}-issue`} className="field-error">
          {problem}
        </span>
      )}
    </label>
  );
}
