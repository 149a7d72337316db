import { useId } from 'react';
import { useIssueText, type FieldKind } from './useIssueText';
import { useProgramIssue } from './useProgramIssue';
import { CatalogueCodeOptions } from './CatalogueCodeOptions';

interface ProgramFieldProps {
  /** The schema path this field edits, e.g. "earn.perSpendMinor": its issue shows here. */
  path: string;
  label: string;
  value: string;
  onChange(value: string): void;
  kind: Exclude<FieldKind, 'choice'>;
  hint?: string;
  /** The label is read by screen readers but not shown (inside a table row with headers). */
  labelHidden?: boolean;
  maxLength?: number;
  className?: string;
  /** Offer the local catalogue's SKUs and category codes (the field still takes any text). */
  catalogueCodes?: boolean;
}

const inputModes = {
  money: 'decimal',
  number: 'numeric',
  percent: 'numeric',
  text: 'text',
  date: undefined,
  monthDay: 'numeric',
} as const;

/** One program value: a labelled input with its hint and, when wrong, why. */
export function ProgramField(props: ProgramFieldProps) {
  const { path, label, value, onChange, kind, hint, labelHidden, maxLength, className } = props;
  const { catalogueCodes } = props;
  const id = useId();
  const issue = useProgramIssue(path);
  const issueText = useIssueText();
  const describedBy = [issue ? `${id}-issue` : '', hint ? `${id}-hint` : ''].join(' ').trim();
  return (
    <div className={className ? `program-field ${className}` : 'program-field'}>
      <label htmlFor={id} className={labelHidden ? 'sr-only' : undefined}>
        {label}
      </label>
      <span className={kind === 'percent' ? 'with-suffix' : undefined}>
        <input
          id={id}
          type={kind === 'date' ? 'date' : 'text'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          inputMode={inputModes[kind]}
          maxLength={maxLength ?? (kind === 'text' ? 200 : 16)}
          placeholder={kind === 'monthDay' ? 'MM-DD' : undefined}
          aria-invalid={issue ? true : undefined}
          aria-describedby={describedBy || undefined}
          list={catalogueCodes ? `${id}-codes` : undefined}
          autoComplete={catalogueCodes ? 'off' : undefined}
        />
        {catalogueCodes && <CatalogueCodeOptions id={`${id}-codes`} prefix={value} />}
        {kind === 'percent' && <span aria-hidden="true">%</span>}
      </span>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {issue && (
        <span className="field-error" id={`${id}-issue`}>
          {issueText(issue, kind)}
        </span>
      )}
    </div>
  );
}
