import { uuidv7 } from '../../shared/ids';
import type { ComplaintEvent, ComplaintEventKind } from '../../shared/rules/complaint';

/**
 * A complaint event as a till (with its store and terminal) or head office (neither) writes it,
 * for tests. An `opened` event carries a walk-in's complaint about cold tea.
 */
export function complaintEvent(o: {
  complaintId: string;
  kind: ComplaintEventKind;
  at: string;
  hlc: string;
  till: { storeId: string; terminalId: string } | null;
}): ComplaintEvent {
  return {
    id: uuidv7(),
    complaintId: o.complaintId,
    kind: o.kind,
    at: o.at,
    hlc: o.hlc,
    origin: o.till ? 'terminal' : 'head_office',
    storeId: o.till?.storeId ?? null,
    terminalId: o.till?.terminalId ?? null,
    by: null,
    note: '',
    details:
      o.kind === 'opened'
        ? {
            ticket: `T${o.complaintId.slice(-6)}`,
            memberId: null,
            contactName: 'Walk-in',
            contact: null,
            consentToContact: false,
            category: 'service',
            severity: 'low',
            saleIds: [],
            whatHappened: 'The tea was cold',
            customerWants: 'A fresh one',
          }
        : null,
    assignee: null,
    goodwill: null,
  };
}
