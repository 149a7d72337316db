import { z } from 'zod';
import { asyncOperation, operation } from './operation';
import { id, pin, text } from './fields';
import {
  MAX_LOGO_HEIGHT,
  MAX_LOGO_WIDTH,
  paperWidths,
  printerCharsets,
  printerTransports,
  type PrintOutcome,
  type PrinterSettings,
} from '../printer';

/** A host name or an IPv4/IPv6 address: letters, digits, dots, dashes and colons only. */
const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9.:-]*$/, { message: 'must be a host name or an IP address' });

/** A CUPS queue name; never starting with a dash, so it cannot read as an option of `lp`. */
const queue = z
  .string()
  .trim()
  .min(1)
  .max(127)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.@-]*$/, { message: 'must be a print queue name' });

/** How many bytes a base64 text decodes to. */
function base64Length(value: string): number {
  if (value.length % 4 !== 0) return -1;
  const padding = value.endsWith('==') ? 2 : value.endsWith('=') ? 1 : 0;
  return (value.length / 4) * 3 - padding;
}

const logo = z
  .strictObject({
    width: z.number().int().min(8).max(MAX_LOGO_WIDTH).multipleOf(8),
    height: z.number().int().min(1).max(MAX_LOGO_HEIGHT),
    bits: z
      .string()
      .max(Math.ceil((MAX_LOGO_WIDTH * MAX_LOGO_HEIGHT) / 6) + 4)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: 'must be base64' }),
  })
  .refine((value) => base64Length(value.bits) === (value.width / 8) * value.height, {
    message: 'the logo bits must hold width / 8 × height bytes',
    path: ['bits'],
  });

export const printerSettingsInput = z
  .strictObject({
    transport: z.enum(printerTransports),
    host: host.nullable(),
    port: z.number().int().min(1).max(65535),
    queue: queue.nullable(),
    paperWidth: z.union(
      paperWidths.map((width) => z.literal(width)) as [z.ZodLiteral<58>, z.ZodLiteral<80>],
    ),
    charset: z.enum(printerCharsets),
    drawer: z.boolean(),
    logo: logo.nullable(),
  })
  .refine((value) => value.transport !== 'network' || value.host !== null, {
    message: 'a network printer needs its address',
    path: ['host'],
  })
  .refine((value) => value.transport !== 'queue' || value.queue !== null, {
    message: 'an OS print queue needs its name',
    path: ['queue'],
  });

export const printerOperations = {
  /** How receipts print here; the sale screen reads it to print after a sale. */
  'printer.settings': operation<PrinterSettings>()(
    z.strictObject({ managerPin: pin.optional() }),
    'cashier',
  ),
  /** Chooses the printer, paper, logo and drawer; audited. */
  'printer.configure': operation<PrinterSettings>()(
    z.strictObject({ settings: printerSettingsInput, managerPin: pin.optional() }),
    'manager',
  ),
  /**
   * Prints a committed sale's receipt (after sale.record answered: the sale never waits on
   * paper), pulsing the drawer on a cash sale unless it is a reprint.
   */
  'printer.printReceipt': asyncOperation<PrintOutcome>()(
    z.strictObject({ saleId: id, reprint: z.boolean().optional() }),
    'cashier',
  ),
  /** A short page naming the store, the paper and the character set, with a barcode. */
  'printer.testPrint': asyncOperation<PrintOutcome>()(
    z.strictObject({ managerPin: pin.optional() }),
    'manager',
  ),
  /** "No sale": opens the drawer without a sale; audited with the approving manager. */
  'printer.openDrawer': asyncOperation<PrintOutcome>()(
    z.strictObject({ reason: text(200).optional(), managerPin: pin.optional() }),
    'manager',
  ),
};
