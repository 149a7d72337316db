import { useCallback } from 'react';
import { useFormat, useT } from '../../i18n/useT';
import { issueWords, type FieldKind } from '../../program/issueWords';
import type { FormIssue } from '../../program/programIssues';

export type { FieldKind } from '../../program/issueWords';

/** A program issue in the manager's language, with limits shown as money, percent or count. */
export function useIssueText(): (issue: FormIssue, kind: FieldKind) => string {
  const t = useT();
  const format = useFormat();
  return useCallback(
    (issue, kind) =>
      issueWords(issue, kind, t, (value) =>
        kind === 'money'
          ? format.money(value)
          : kind === 'percent'
            ? format.percent(value)
            : format.number(value),
      ),
    [t, format],
  );
}
