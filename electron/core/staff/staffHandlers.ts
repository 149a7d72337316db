import type { staffOperations } from '../../../shared/api/staff';
import { uuidv7 } from '../../../shared/ids';
import { DomainError } from '../../../shared/result';
import type { HandlerMap } from '../api/handler';
import type { CoreContext } from '../context';
import { stampWrite } from '../stamp';
import { requireTerminal } from '../terminal/terminalStore';
import { audit } from '../audit/auditLog';
import { auditActions, searchAudit } from '../audit/auditSearch';
import { approvingManager } from './managerApproval';
import { requirePinEntryOpen, clearPinFailures } from './pinGuard';
import { endSession, signedInStaffId, startSession } from './session';
import {
  activeManagerCount,
  deactivateStaff,
  insertStaff,
  listStaff,
  requireActiveStaff,
  requireManagerPin,
  requirePinFree,
  staffById,
  staffByPin,
  updatePin,
} from './staffStore';
import { readStorePolicy, writeRefundLimit } from './storePolicy';

const managerPinOf = (ctx: CoreContext, pin: string) => requireManagerPin(ctx.db, pin, ctx.now());

export const staffHandlers: HandlerMap<keyof typeof staffOperations> = {
  'staff.list': (ctx, input) => {
    requireTerminal(ctx.db);
    return listStaff(ctx.db, input.includeDeactivated ?? false);
  },

  'staff.signIn': (ctx, input) => {
    const { db } = ctx;
    return db.transaction(() => {
      const terminal = requireTerminal(db);
      requirePinEntryOpen(db, ctx.now());
      const staff = staffByPin(db, input.pin, input.staffId);
      if (!staff) {
        throw new DomainError('pin_not_recognised', 'That PIN does not match anyone here.', {
          field: 'pin',
        });
      }
      clearPinFailures(db);
      const previous = signedInStaffId(db);
      if (previous === staff.id) return terminal;
      startSession(db, staff.id, terminal.terminalId, new Date(ctx.now()).toISOString());
      const stamp = stampWrite(ctx);
      const before = previous ? staffById(db, previous) : null;
      audit(db, stamp, {
        action: previous ? 'staff.switched' : 'staff.signed_in',
        subjectType: 'staff',
        subjectId: staff.id,
        approvedBy: null,
        before: before ? { signedIn: before.name } : null,
        after: { signedIn: staff.name, role: staff.role },
        reason: null,
      });
      return requireTerminal(db);
    })();
  },

  'staff.signOut': (ctx) => {
    const { db } = ctx;
    return db.transaction(() => {
      const terminal = requireTerminal(db);
      if (!terminal.signedIn) return terminal;
      const stamp = stampWrite(ctx);
      audit(db, stamp, {
        action: 'staff.signed_out',
        subjectType: 'staff',
        subjectId: stamp.staffId,
        approvedBy: null,
        before: { signedIn: terminal.cashier.name },
        after: null,
        reason: null,
      });
      endSession(db, stamp.createdAt, 'signed_out');
      return requireTerminal(db);
    })();
  },

  'staff.add': (ctx, input) => {
    const { db } = ctx;
    return db.transaction(() => {
      const stamp = stampWrite(ctx);
      const managerId = managerPinOf(ctx, input.managerPin);
      requirePinFree(db, input.pin, null);
      const id = uuidv7(ctx.now());
      insertStaff(db, {
        id,
        name: input.name,
        role: input.role,
        pin: input.pin,
        createdAt: stamp.createdAt,
      });
      audit(db, stamp, {
        action: 'staff.added',
        subjectType: 'staff',
        subjectId: id,
        approvedBy: managerId,
        before: null,
        after: { name: input.name, role: input.role },
        reason: null,
      });
      const added = staffById(db, id);
      if (!added) throw new Error('staff missing right after insert');
      return added;
    })();
  },

  'staff.changePin': (ctx, input) => {
    const { db } = ctx;
    return db.transaction(() => {
      const stamp = stampWrite(ctx);
      const managerId = managerPinOf(ctx, input.managerPin);
      const staff = requireActiveStaff(db, input.staffId);
      requirePinFree(db, input.pin, staff.id);
      updatePin(db, staff.id, input.pin, stamp.createdAt);
      // The PIN itself is never written anywhere but as its slow hash.
      audit(db, stamp, {
        action: 'staff.pin_changed',
        subjectType: 'staff',
        subjectId: staff.id,
        approvedBy: managerId,
        before: null,
        after: { name: staff.name },
        reason: null,
      });
      return staff;
    })();
  },

  'staff.deactivate': (ctx, input) => {
    const { db } = ctx;
    return db.transaction(() => {
      const stamp = stampWrite(ctx);
      const managerId = managerPinOf(ctx, input.managerPin);
      const staff = requireActiveStaff(db, input.staffId);
      if (staff.id === signedInStaffId(db)) {
        throw new DomainError(
          'staff_signed_in',
          'That person is signed in: switch to someone else first.',
          { field: 'staffId' },
        );
      }
      if (staff.role === 'manager' && activeManagerCount(db) <= 1) {
        throw new DomainError('last_manager', 'The last manager cannot be deactivated.', {
          field: 'staffId',
        });
      }
      deactivateStaff(db, staff.id, managerId, stamp.createdAt);
      audit(db, stamp, {
        action: 'staff.deactivated',
        subjectType: 'staff',
        subjectId: staff.id,
        approvedBy: managerId,
        before: { name: staff.name, role: staff.role, active: true },
        after: { active: false },
        reason: null,
      });
      const after = staffById(db, staff.id);
      if (!after) throw new Error('staff vanished');
      return after;
    })();
  },

  'staff.approve': (ctx, input) => {
    const { db } = ctx;
    return db.transaction(() => {
      const stamp = stampWrite(ctx);
      const managerId = managerPinOf(ctx, input.managerPin);
      const manager = staffById(db, managerId);
      audit(db, stamp, {
        action: 'manager.approved',
        subjectType: 'screen',
        subjectId: input.screen,
        approvedBy: managerId,
        before: null,
        after: { screen: input.screen },
        reason: null,
      });
      return { managerId, managerName: manager?.name ?? '' };
    })();
  },

  'policy.get': (ctx) => {
    requireTerminal(ctx.db);
    return readStorePolicy(ctx.db);
  },

  'policy.setRefundLimit': (ctx, input) => {
    const { db } = ctx;
    return db.transaction(() => {
      const stamp = stampWrite(ctx);
      const managerId = managerPinOf(ctx, input.managerPin);
      const before = readStorePolicy(db);
      writeRefundLimit(db, input.refundLimitMinor, managerId, stamp.createdAt);
      audit(db, stamp, {
        action: 'policy.refund_limit',
        subjectType: 'terminal',
        subjectId: stamp.terminalId,
        approvedBy: managerId,
        before: { refundLimitMinor: before.refundLimitMinor },
        after: { refundLimitMinor: input.refundLimitMinor },
        reason: null,
      });
      return readStorePolicy(db);
    })();
  },

  'audit.search': (ctx, input) => {
    const terminal = requireTerminal(ctx.db);
    approvingManager(ctx, input.managerPin);
    return searchAudit(ctx.db, terminal, input);
  },

  'audit.actions': (ctx, input) => {
    requireTerminal(ctx.db);
    approvingManager(ctx, input.managerPin);
    return auditActions(ctx.db);
  },
};
