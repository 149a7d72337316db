import type { MessageKey } from '../../../shared/i18n';
import type {
  ComplaintCategory,
  ComplaintEventKind,
  ComplaintSeverity,
  ComplaintStatus,
} from '../../../shared/rules/complaint';

/** The terminal's own words for a complaint's parts (shared/i18n complaint.*), used here too. */
export const statusLabel = (s: ComplaintStatus): MessageKey => `complaint.status.${s}`;
export const severityLabel = (s: ComplaintSeverity): MessageKey => `complaint.severity.${s}`;
export const categoryLabel = (c: ComplaintCategory): MessageKey => `complaint.category.${c}`;
export const eventLabel = (k: ComplaintEventKind): MessageKey => `complaint.event.${k}`;

/** The steps head office takes from this page (issue 13 §4: assign, respond, resolve, reopen). */
export const officeSteps = ['assigned', 'responded', 'resolved', 'reopened'] as const;
export type OfficeStep = (typeof officeSteps)[number];
export const stepLabel = (s: OfficeStep): MessageKey => `office.voice.step.${s}`;
