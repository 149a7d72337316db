import { z } from 'zod';
import { operation } from './operation';
import { amountMinor, id, pin, requiredText, searchText } from './fields';
import type { TerminalInfo } from '../domain';
import type { AuditPage, ManagerApproval, StaffMember, StorePolicy } from '../staff';

/** The manager-only screens a cashier may open with a manager's PIN on the spot. */
export const managerScreens = [
  'program',
  'staff',
  'audit',
  'shiftClose',
  'settings',
  'reports',
  'analytics',
] as const;

const isoInstant = z.iso.datetime({ offset: true });

export const staffOperations = {
  /** Everyone who may sign in (and, for the staff screen, those deactivated). No PINs. */
  'staff.list': operation<StaffMember[]>()(
    z.strictObject({ includeDeactivated: z.boolean().optional() }),
    'anyone',
  ),
  /**
   * Signs someone in: their PIN alone (PINs are unique on a terminal) or with the name they
   * picked. Signing in while someone else is signed in switches cashier.
   */
  'staff.signIn': operation<TerminalInfo>()(
    z.strictObject({ pin, staffId: id.optional() }),
    'anyone',
  ),
  /** Locks the terminal: nothing is written until someone signs in. */
  'staff.signOut': operation<TerminalInfo>()(z.strictObject({}), 'anyone'),
  'staff.add': operation<StaffMember>()(
    z.strictObject({
      name: requiredText(60),
      role: z.enum(['cashier', 'manager']),
      pin,
      managerPin: pin,
    }),
    'manager',
  ),
  'staff.changePin': operation<StaffMember>()(
    z.strictObject({ staffId: id, pin, managerPin: pin }),
    'manager',
  ),
  'staff.deactivate': operation<StaffMember>()(
    z.strictObject({ staffId: id, managerPin: pin }),
    'manager',
  ),
  /** A manager's PIN typed on the spot lets a cashier into a manager screen; audited. */
  'staff.approve': operation<ManagerApproval>()(
    z.strictObject({ managerPin: pin, screen: z.enum(managerScreens) }),
    'cashier',
  ),
  'policy.get': operation<StorePolicy>()(z.strictObject({}), 'cashier'),
  'policy.setRefundLimit': operation<StorePolicy>()(
    z.strictObject({ refundLimitMinor: amountMinor, managerPin: pin }),
    'manager',
  ),
  /**
   * The audit trail, newest first, a page at a time. A manager signed in may search; a cashier
   * needs a manager's PIN.
   */
  'audit.search': operation<AuditPage>()(
    z.strictObject({
      from: isoInstant.optional(),
      to: isoInstant.optional(),
      staffId: id.optional(),
      action: z
        .string()
        .regex(/^[a-z_]+(\.[a-z_]+)*$/, { message: 'must be an action name' })
        .max(60)
        .optional(),
      subject: searchText(60).optional(),
      text: searchText(60).optional(),
      beforeNo: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
      limit: z.number().int().min(1).max(200).optional(),
      managerPin: pin.optional(),
    }),
    'manager',
  ),
  /** Every action name in the trail, for the search filter. */
  'audit.actions': operation<string[]>()(z.strictObject({ managerPin: pin.optional() }), 'manager'),
};
