import type { complaintOperations, ComplaintView } from '../../../shared/api/complaint';
import { uuidv7 } from '../../../shared/ids';
import { DomainError } from '../../../shared/result';
import {
  complaintStepAllowed,
  isOpenStatus,
  makeTicket,
  type ComplaintEvent,
} from '../../../shared/rules/complaint';
import type { HandlerMap } from '../api/handler';
import type { CoreContext, Stamp } from '../context';
import { audit } from '../audit/auditLog';
import { loyaltyHandlers } from '../loyalty/loyaltyHandlers';
import { memberById } from '../members/memberQueries';
import { appendOutbox } from '../outbox/outbox';
import { readProgram } from '../program/programStore';
import { stampWrite } from '../stamp';
import { appendComplaintEvent, complaintIds, complaintView, ticketTaken } from './complaintStore';

function requireComplaint(ctx: CoreContext, complaintId: string): ComplaintView {
  const view = complaintView(ctx, complaintId);
  if (!view) {
    throw new DomainError('complaint_not_found', 'There is no complaint with that id here.', {
      field: 'complaintId',
    });
  }
  return view;
}

function eventAt(
  ctx: CoreContext,
  stamp: Stamp,
  complaintId: string,
  fields: Pick<ComplaintEvent, 'kind' | 'note'> & Partial<ComplaintEvent>,
): ComplaintEvent {
  return {
    id: uuidv7(ctx.now()),
    complaintId,
    at: stamp.createdAt,
    hlc: stamp.hlc,
    origin: 'terminal',
    storeId: stamp.storeId,
    terminalId: stamp.terminalId,
    by: stamp.staffId,
    details: null,
    assignee: null,
    goodwill: null,
    ...fields,
  };
}

function record(ctx: CoreContext, stamp: Stamp, event: ComplaintEvent): void {
  appendComplaintEvent(ctx.db, event);
  appendOutbox(ctx.db, stamp, 'complaint.recorded', { events: [event] });
}

export const complaintHandlers: HandlerMap<keyof typeof complaintOperations> = {
  'complaint.log': (ctx, input) => {
    const { db } = ctx;
    return db.transaction(() => {
      if (input.memberId !== null && !memberById(db, input.memberId)) {
        throw new DomainError('member_not_found', 'That member does not exist.', {
          field: 'memberId',
        });
      }
      const stamp = stampWrite(ctx);
      let ticket = makeTicket();
      while (ticketTaken(db, ticket)) ticket = makeTicket();
      const complaintId = uuidv7(ctx.now());
      const walkIn = input.memberId === null;
      record(
        ctx,
        stamp,
        eventAt(ctx, stamp, complaintId, {
          kind: 'opened',
          note: '',
          details: {
            ticket,
            memberId: input.memberId,
            contactName: walkIn ? input.contactName : null,
            contact: walkIn ? input.contact : null,
            consentToContact: input.consentToContact,
            category: input.category,
            severity: input.severity,
            saleIds: input.saleIds,
            whatHappened: input.whatHappened,
            customerWants: input.customerWants,
          },
        }),
      );
      return requireComplaint(ctx, complaintId);
    })();
  },
  'complaint.step': (ctx, input) => {
    const { db } = ctx;
    return db.transaction(() => {
      const before = requireComplaint(ctx, input.complaintId);
      if (!complaintStepAllowed(before, input.step)) {
        throw new DomainError(
          'complaint_step_not_allowed',
          `A ${before.status} complaint cannot be ${input.step} here.`,
          { field: 'step', details: { status: before.status } },
        );
      }
      const stamp = stampWrite(ctx);
      record(
        ctx,
        stamp,
        eventAt(ctx, stamp, input.complaintId, { kind: input.step, note: input.note }),
      );
      const after = requireComplaint(ctx, input.complaintId);
      audit(db, stamp, {
        action: `complaint.${input.step}`,
        subjectType: 'complaint',
        subjectId: input.complaintId,
        approvedBy: null,
        before: { status: before.status },
        after: { status: after.status },
        reason: input.note || null,
      });
      return after;
    })();
  },
  'complaint.goodwill': (ctx, input) => {
    const { db } = ctx;
    return db.transaction(() => {
      const complaint = requireComplaint(ctx, input.complaintId);
      const memberId = complaint.details.memberId;
      if (memberId === null) {
        throw new DomainError('member_required', 'Goodwill goes to a member.', {
          field: 'complaintId',
        });
      }
      const program = readProgram(db);
      const reason = `Complaint ${complaint.details.ticket}${input.note ? `: ${input.note}` : ''}`;
      let costMinor = 0;
      if (input.points > 0) {
        // The ledger's own operation: its limit, PIN check, audit and outbox all apply.
        loyaltyHandlers['points.adjust'](ctx, {
          memberId,
          points: input.points,
          reason: reason.slice(0, 200),
          managerPin: input.managerPin,
        });
        costMinor += Math.floor(
          (input.points * program.redemption.valueMinor) / program.redemption.points,
        );
      }
      let couponCode: string | null = null;
      if (input.campaignId !== null) {
        const coupon = loyaltyHandlers['coupon.issue'](ctx, {
          campaignId: input.campaignId,
          memberId,
        });
        couponCode = coupon.code;
        costMinor += coupon.amountOffMinor ?? 0;
      }
      const stamp = stampWrite(ctx);
      record(
        ctx,
        stamp,
        eventAt(ctx, stamp, input.complaintId, {
          kind: 'goodwill',
          note: input.note,
          goodwill: { points: input.points, couponCode, costMinor },
        }),
      );
      return requireComplaint(ctx, input.complaintId);
    })();
  },
  'complaint.get': (ctx, input) => requireComplaint(ctx, input.complaintId),
  'complaint.list': (ctx, input) => {
    const views: ComplaintView[] = [];
    for (const id of complaintIds(ctx.db, input.memberId, 1000)) {
      const view = complaintView(ctx, id);
      if (!view) continue;
      if (
        input.status === 'unresolved'
          ? !isOpenStatus(view.status)
          : input.status !== null && view.status !== input.status
      )
        continue;
      if (input.breachedOnly && !view.breached) continue;
      views.push(view);
      if (views.length >= input.limit) break;
    }
    return views;
  },
};
