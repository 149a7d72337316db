import { useIssueText } from './useIssueText';
import { useProgramIssue } from './useProgramIssue';

/** An issue about a whole list (too many rows, two the same), shown under the list. */
export function ListIssue({ path }: { path: string }) {
  const issue = useProgramIssue(path);
  const issueText = useIssueText();
  if (!issue) return null;
  return <p className="field-error">{issueText(issue, 'number')}</p>;
}
