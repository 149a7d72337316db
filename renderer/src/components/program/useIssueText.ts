import { useCallback } from 'react';
import { useFormat, useT } from '../../i18n/useT';
import type { FormIssue } from '../../program/programIssues';

/** How a field's value is typed; it decides how limits and format problems are worded. */
export type FieldKind = 'money' | 'number' | 'percent' | 'text' | 'date' | 'monthDay' | 'choice';

/** A program issue in the manager's language, with limits shown as money, percent or count. */
export function useIssueText(): (issue: FormIssue, kind: FieldKind) => string {
  const t = useT();
  const format = useFormat();
  return useCallback(
    (issue, kind) => {
      const limit = (value: number) =>
        kind === 'money'
          ? format.money(value)
          : kind === 'percent'
            ? format.percent(value)
            : format.number(value);
      switch (issue.type) {
        case 'format':
          switch (kind) {
            case 'money':
              return t('program.issue.formatMoney');
            case 'number':
            case 'percent':
              return t('program.issue.formatNumber');
            case 'date':
              return t('program.issue.formatDate');
            case 'monthDay':
              return t('program.issue.formatMonthDay');
            case 'choice':
              return t('program.issue.formatChoice');
            case 'text':
              return t('program.issue.check');
            default: {
              const never: never = kind;
              return never;
            }
          }
        case 'required':
          return t('program.issue.required');
        case 'min':
          return t('program.issue.min', { limit: limit(issue.limit) });
        case 'max':
          return kind === 'text'
            ? t('program.issue.maxText', { limit: format.number(issue.limit) })
            : t('program.issue.max', { limit: limit(issue.limit) });
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
    [t, format],
  );
}
