import { z } from 'zod';
import { asyncOperation, operation } from './operation';
import { pin } from './fields';
import { isCalendarDate, MAX_DAY_BOUNDARY_MINUTES } from '../rules/businessDay';
import type { ClosedDay, Report, ReportExport, ReportSettings } from '../reports/report';
import { locales } from '../locale';

const businessDay = z
  .string()
  .max(10)
  .refine(isCalendarDate, { message: 'must be a calendar date YYYY-MM-DD' })
  .refine((d) => d >= '2000-01-01' && d <= '2199-12-31', { message: 'is out of range' });

/** Which report: the X report now, or the Z report of a business day. */
const which = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('x') }),
  z.strictObject({ kind: z.literal('z'), businessDay }),
]);

export const reportOperations = {
  /** The day boundary, the store's time zone and which business day it is now. */
  'report.settings': operation<ReportSettings>()(
    z.strictObject({ managerPin: pin.optional() }),
    'manager',
  ),
  /** Moves the day boundary (minutes after local midnight); a manager's PIN, audited. */
  'report.setDayBoundary': operation<ReportSettings>()(
    z.strictObject({
      boundaryMinutes: z.number().int().min(0).max(MAX_DAY_BOUNDARY_MINUTES),
      managerPin: pin,
    }),
    'manager',
  ),
  /** The X report: the open shift, or the business day so far. Reads only. */
  'report.x': operation<Report>()(z.strictObject({ managerPin: pin.optional() }), 'manager'),
  /** The Z report of a business day: its closed snapshot, or live figures while it is open. */
  'report.z': operation<Report>()(
    z.strictObject({ businessDay, managerPin: pin.optional() }),
    'manager',
  ),
  /**
   * Closes a business day's Z report under the next Z number. Once per day; manager's PIN.
   * Before the day has ended it needs `closeEarly`; later sales then go to the next day's Z.
   */
  'report.closeDay': operation<Report>()(
    z.strictObject({ businessDay, managerPin: pin, closeEarly: z.boolean().optional() }),
    'manager',
  ),
  /** Closed days, newest first. */
  'report.closedDays': operation<ClosedDay[]>()(
    z.strictObject({
      limit: z.number().int().min(1).max(366).optional(),
      managerPin: pin.optional(),
    }),
    'manager',
  ),
  /** The report as a file: CSV (UTF-8 with BOM, for Excel) or PDF (A4), in the given language. */
  'report.export': asyncOperation<ReportExport>()(
    z.strictObject({
      report: which,
      format: z.enum(['csv', 'pdf']),
      locale: z.enum(locales),
      managerPin: pin.optional(),
    }),
    'manager',
  ),
};
