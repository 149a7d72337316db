import { useAppStore } from '../../store';
import type { FormIssue } from '../../program/programIssues';

/** The issue of one field path, once the manager has tried to save. */
export function useProgramIssue(path: string): FormIssue | undefined {
  return useAppStore((s) => (s.programIssuesShown ? s.programIssues[path] : undefined));
}
