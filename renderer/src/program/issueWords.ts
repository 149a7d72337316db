import type { MessageKey, MessageParams } from '../../../shared/i18n';
import type { FormIssue } from './programIssues';

/** How a field's value is typed; it decides how limits and format problems are worded. */
export type FieldKind = 'money' | 'number' | 'percent' | 'text' | 'date' | 'monthDay' | 'choice';

/**
 * A program issue in the reader's language. The terminal's program screen and head office's
 * program page both word issues through this one switch; each passes its own translator and
 * its own way of writing a limit (as money, percent or a count).
 */
export function issueWords(
  issue: FormIssue,
  kind: FieldKind,
  t: (key: MessageKey, params?: MessageParams) => string,
  limit: (value: number) => string | number,
): string {
  switch (issue.type) {
    case 'format':
      return t(formatKey(kind));
    case 'required':
      return t('program.issue.required');
    case 'min':
      return t('program.issue.min', { limit: limit(issue.limit) });
    case 'max':
      return t(kind === 'text' ? 'program.issue.maxText' : 'program.issue.max', {
        limit: limit(issue.limit),
      });
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
}

function formatKey(kind: FieldKind): MessageKey {
  switch (kind) {
    case 'money':
      return 'program.issue.formatMoney';
    case 'number':
    case 'percent':
      return 'program.issue.formatNumber';
    case 'date':
      return 'program.issue.formatDate';
    case 'monthDay':
      return 'program.issue.formatMonthDay';
    case 'choice':
      return 'program.issue.formatChoice';
    case 'text':
      return 'program.issue.check';
    default: {
      const never: never = kind;
      return never;
    }
  }
}
