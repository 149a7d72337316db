import type { z } from 'zod';
import type { Currency } from '../../../shared/money';
import {
  offlineRedemptionPolicy,
  type OfflineRedemptionPolicy,
  type ProgramConfig,
} from '../../../shared/sync/protocol';
import type { ProgramForm } from '../../src/program/programForm';
import { checkProgramForm, pathKey, type IssueMap } from '../../src/program/programIssues';

/** The offline policy as typed: whole numbers as text, like the program form. */
export interface PolicyForm {
  maxPointsPerSaleOffline: string;
  maxPointsPerMemberOffline: string;
  maxOfflineHours: string;
}

export function policyToForm(policy: OfflineRedemptionPolicy): PolicyForm {
  return {
    maxPointsPerSaleOffline: String(policy.maxPointsPerSaleOffline),
    maxPointsPerMemberOffline: String(policy.maxPointsPerMemberOffline),
    maxOfflineHours: String(policy.maxOfflineHours),
  };
}

function whole(text: string): number | string {
  return /^\d{1,12}$/.test(text.trim()) ? Number(text.trim()) : text;
}

/**
 * The configuration the admin is about to save, checked with the very schemas head office and
 * the terminals use (shared/program.ts, shared/sync/protocol.ts). Issues are keyed by field path,
 * "earn.points" or "offlineRedemption.maxOfflineHours".
 */
export function checkDraft(
  form: ProgramForm,
  policy: PolicyForm,
  currency: Currency,
  storeOverrides: boolean,
): { config: ProgramConfig | null; issues: IssueMap } {
  const program = checkProgramForm(form, currency);
  const parsedPolicy = offlineRedemptionPolicy.safeParse({
    maxPointsPerSaleOffline: whole(policy.maxPointsPerSaleOffline),
    maxPointsPerMemberOffline: whole(policy.maxPointsPerMemberOffline),
    maxOfflineHours: whole(policy.maxOfflineHours),
  });
  const issues: IssueMap = { ...program.issues };
  if (!parsedPolicy.success) {
    for (const issue of parsedPolicy.error.issues) {
      const key = `offlineRedemption.${pathKey(issue.path)}`;
      if (key in issues) continue;
      issues[key] =
        issue.code === 'too_small'
          ? { type: 'min', limit: Number((issue as z.core.$ZodIssueTooSmall).minimum) }
          : issue.code === 'too_big'
            ? { type: 'max', limit: Number((issue as z.core.$ZodIssueTooBig).maximum) }
            : { type: 'format' };
    }
  }
  if (!program.program || !parsedPolicy.success) return { config: null, issues };
  return {
    config: { program: program.program, offlineRedemption: parsedPolicy.data, storeOverrides },
    issues,
  };
}
