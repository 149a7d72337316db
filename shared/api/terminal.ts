import { z } from 'zod';
import { operation } from './operation';
import { pin, requiredText } from './fields';
import { currencies } from '../money';
import { phoneCountries } from '../phone';
import { locales } from '../locale';
import type { ConnectionStatus, TerminalInfo } from '../domain';

const timeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone');

export const terminalOperations = {
  /** Null until the first-run setup has been completed. */
  'terminal.info': operation<TerminalInfo | null>()(z.strictObject({}), 'anyone'),
  'terminal.setup': operation<TerminalInfo>()(
    z.strictObject({
      storeName: requiredText(80),
      terminalName: requiredText(40),
      currency: z.enum(currencies),
      timeZone,
      locale: z.enum(locales),
      phoneCountry: z.enum(phoneCountries),
      managerName: requiredText(60),
      managerPin: pin,
    }),
    'anyone',
  ),
  'terminal.setLocale': operation<TerminalInfo>()(
    z.strictObject({ locale: z.enum(locales) }),
    'anyone',
  ),
  'terminal.status': operation<ConnectionStatus>()(z.strictObject({}), 'anyone'),
};
