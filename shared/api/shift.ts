import { z } from 'zod';
import { operation } from './operation';
import { amountMinor, id, pin, text } from './fields';
import type { ShiftSummary, ShiftView } from '../staff';

export const shiftOperations = {
  /** The shift open on this terminal, or null: nothing can be sold until one is opened. */
  'shift.current': operation<ShiftView | null>()(z.strictObject({}), 'cashier'),
  /** Opens a shift with the cash float counted into the drawer. One open shift per terminal. */
  'shift.open': operation<ShiftView>()(z.strictObject({ floatMinor: amountMinor }), 'cashier'),
  /** Float, sales and refunds by tender, expected cash; the open shift when no id is given. */
  'shift.summary': operation<ShiftSummary>()(
    z.strictObject({ shiftId: id.optional(), managerPin: pin.optional() }),
    'manager',
  ),
  /**
   * Closes the open shift with the cash counted in the drawer. A difference from what is expected
   * needs a note. A manager closes it: signed in, or with a PIN on the spot.
   */
  'shift.close': operation<ShiftSummary>()(
    z.strictObject({
      shiftId: id,
      countedMinor: amountMinor,
      note: text(300, { multiline: true }).optional(),
      managerPin: pin.optional(),
    }),
    'manager',
  ),
};
