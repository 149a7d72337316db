import type { z } from 'zod';
import { programSchema, type Program } from '../../../shared/program';
import type { Currency } from '../../../shared/money';
import { formToCandidate, type ProgramForm } from './programForm';

/**
 * What is wrong with one field, in words the catalog can say in the cashier's language. The
 * schema's own messages are English for logs; these are the kinds a manager needs to tell apart.
 */
export type FormIssue =
  | { type: 'format' }
  | { type: 'required' }
  | { type: 'min'; limit: number }
  | { type: 'max'; limit: number }
  | { type: 'firstTierZero' }
  | { type: 'thresholdsRise' }
  | { type: 'duplicate' }
  | { type: 'noCampaign' }
  | { type: 'requiredForKind' }
  | { type: 'endsBeforeStart' }
  | { type: 'check' };

/** Issues by field path, "earn.perSpendMinor" or "tiers.levels.2.threshold". */
export type IssueMap = Record<string, FormIssue>;

export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

const customIssues: Record<string, FormIssue> = {
  'the first tier starts at 0': { type: 'firstTierZero' },
  'thresholds must rise': { type: 'thresholdsRise' },
  'ids must be unique': { type: 'duplicate' },
  'no such campaign': { type: 'noCampaign' },
  'ends before it starts': { type: 'endsBeforeStart' },
};

function toFormIssue(issue: z.core.$ZodIssue): FormIssue {
  switch (issue.code) {
    case 'invalid_type':
    case 'invalid_format':
    case 'invalid_value':
      return { type: 'format' };
    case 'too_small':
      if (issue.origin === 'string') return { type: 'required' };
      return { type: 'min', limit: Number(issue.minimum) };
    case 'too_big':
      return { type: 'max', limit: Number(issue.maximum) };
    case 'custom':
      if (issue.message.startsWith('required for')) return { type: 'requiredForKind' };
      return customIssues[issue.message] ?? { type: 'check' };
    default:
      return { type: 'check' };
  }
}

export interface ProgramCheck {
  program: Program | null;
  issues: IssueMap;
}

/** Parses the form with the very schema the core uses; the first issue per field is kept. */
export function checkProgramForm(form: ProgramForm, currency: Currency): ProgramCheck {
  const result = programSchema.safeParse(formToCandidate(form, currency));
  if (result.success) return { program: result.data, issues: {} };
  const issues: IssueMap = {};
  for (const issue of result.error.issues) {
    const key = pathKey(issue.path);
    if (!(key in issues)) issues[key] = toFormIssue(issue);
  }
  return { program: null, issues };
}
