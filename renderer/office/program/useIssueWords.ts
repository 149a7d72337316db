import { useCallback } from 'react';
import type { FormIssue } from '../../src/program/programIssues';
import { useOfficeT } from '../i18n/useOfficeT';

/** A program issue in the admin's words (the same wording the terminal's program screen uses). */
export function useIssueWords(): (issue: FormIssue | undefined) => string | null {
  const t = useOfficeT();
  return useCallback(
    (issue) => {
      if (!issue) return null;
      switch (issue.type) {
        case 'format':
          return t('program.issue.formatNumber');
        case 'required':
          return t('program.issue.required');
        case 'min':
          return t('program.issue.min', { limit: issue.limit });
        case 'max':
          return t('program.issue.max', { limit: issue.limit });
        case 'firstTierZero':
          return t('program.issue.firstTierZero');
        case 'thresholdsRise':
          return t('program.issue.thresholdsRise');
        case 'duplicate':
          return t('program.issue.duplicate');
        case 'noCampaign':
          return t('program.issue.noCampaign');
        case 'requiredForKind':
          return t('program.issue.requiredForKind');
        case 'endsBeforeStart':
          return t('program.issue.endsBeforeStart');
        case 'check':
          return t('program.issue.check');
        default: {
          const never: never = issue;
          return never;
        }
      }
    },
    [t],
  );
}
