import type { programOperations } from '../../../shared/api/program';
import type { HandlerMap } from '../api/handler';
import type { CoreContext } from '../context';
import { audit } from '../audit/auditLog';
import { appendOutbox } from '../outbox/outbox';
import { requireManagerPin } from '../staff/staffStore';
import { stampWrite } from '../stamp';
import { requireTerminal } from '../terminal/terminalStore';
import { adoptOffer, markProposed, programOwnership, requireOffer } from './programOwnership';
import { readProgram, readProgramWithVersion } from './programStore';

const requireManager = (ctx: CoreContext, pin: string): string => {
  requireTerminal(ctx.db);
  return requireManagerPin(ctx.db, pin, ctx.now());
};

export const programHandlers: HandlerMap<keyof typeof programOperations> = {
  'program.ownership': (ctx) => programOwnership(ctx.db),
  'program.adopt': (ctx, input) => {
    const managerId = requireManager(ctx, input.managerPin);
    return ctx.db.transaction(() => {
      const offered = requireOffer(ctx.db, input.version);
      const stamp = stampWrite(ctx);
      const before = readProgram(ctx.db);
      const version = adoptOffer(ctx.db, offered, stamp.createdAt);
      // The program this terminal had stays readable in the audit log: nothing is lost.
      audit(ctx.db, stamp, {
        action: 'program.adopt',
        subjectType: 'program',
        subjectId: String(version),
        approvedBy: managerId,
        before,
        after: offered.program,
        reason: null,
      });
      appendOutbox(ctx.db, stamp, 'program.updated', {
        version,
        program: offered.program,
        owner: 'head_office',
        headOfficeVersion: offered.version,
      });
      return programOwnership(ctx.db);
    })();
  },
  'program.propose': (ctx, input) => {
    const managerId = requireManager(ctx, input.managerPin);
    return ctx.db.transaction(() => {
      const offered = requireOffer(ctx.db, input.version);
      const stamp = stampWrite(ctx);
      const { program, version } = readProgramWithVersion(ctx.db);
      markProposed(ctx.db, version);
      audit(ctx.db, stamp, {
        action: 'program.propose',
        subjectType: 'program',
        subjectId: String(version),
        approvedBy: managerId,
        before: offered.program,
        after: program,
        reason: null,
      });
      appendOutbox(ctx.db, stamp, 'program.updated', {
        version,
        program,
        owner: 'terminal',
        proposed: true,
      });
      return programOwnership(ctx.db);
    })();
  },
};
