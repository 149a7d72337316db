import { z } from 'zod';
import { MAX_AMOUNT_MINOR } from '../money';

/** Field schemas shared by several operations. Messages are for logs; the UI uses catalogs. */
export const id = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: 'must be an id',
  });

/** Typed text: one schema for every user-typed string (shared/text.ts). */
export { requiredText, searchText, text } from '../text';

export const amountMinor = z
  .number()
  .int({ message: 'must be a whole number of minor units' })
  .min(0)
  .max(MAX_AMOUNT_MINOR);

export const points = z.number().int().min(0).max(1_000_000_000);

export const pin = z.string().regex(/^\d{4,8}$/, { message: 'must be 4 to 8 digits' });
