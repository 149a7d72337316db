import { useId } from 'react';
import type { FormIssue } from '../../src/program/programIssues';
import { useIssueWords } from './useIssueWords';

/**
 * One input with its label, hint and the schema's issue for it. The label names the input alone;
 * the hint and the issue describe it, so a screen reader reads the name, then why it is wrong.
 */
export function OfficeField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  issue?: FormIssue | undefined;
  hint?: string;
  inputMode?: 'numeric' | 'decimal' | 'text';
  /** 'date' for a calendar day (YYYY-MM-DD), which the browser shows in the admin's locale. */
  type?: 'text' | 'date';
  maxLength?: number;
  testId?: string;
  /** A datalist's id: suggestions the admin may pick or type past. */
  list?: string;
  /** Said under the field without blocking the save (a code the catalogue does not know). */
  warning?: string | undefined;
}) {
  const id = useId();
  const words = useIssueWords();
  const problem = words(props.issue);
  const describedBy = [
    problem ? `${id}-issue` : '',
    props.warning ? `${id}-warning` : '',
    props.hint ? `${id}-hint` : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="program-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        maxLength={props.maxLength}
        list={props.list}
        inputMode={props.type === 'date' ? undefined : (props.inputMode ?? 'numeric')}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy || undefined}
        data-testid={props.testId}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint && (
        <span id={`${id}-hint`} className="hint">
          {props.hint}
        </span>
      )}
      {props.warning && (
        <span id={`${id}-warning`} className="hint" role="status">
          {props.warning}
        </span>
      )}
      {problem && (
        <span id={`${id}-issue`} className="field-error">
          {problem}
        </span>
      )}
    </div>
  );
}
