import { useCallback } from 'react';
import { issueWords } from '../../src/program/issueWords';
import type { FormIssue } from '../../src/program/programIssues';
import { useOfficeT } from '../i18n/useOfficeT';

/**
 * A program issue in the admin's words: the terminal's wording (one switch, issueWords), read as
 * a plain number field with the limit written as it is.
 */
export function useIssueWords(): (issue: FormIssue | undefined) => string | null {
  const t = useOfficeT();
  return useCallback(
    (issue) => (issue ? issueWords(issue, 'number', t, (value) => value) : null),
    [t],
  );
}
