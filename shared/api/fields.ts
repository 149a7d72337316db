import { z } from 'zod';
import { MAX_AMOUNT_MINOR } from '../money';

/** Field schemas shared by several operations. Messages are for logs; the UI uses catalogs. */
export const id = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    message: 'must be an id',
  });

/**
 * Trimmed text without control or invisible format characters: a right-to-left override or a
 * zero-width space would make a name print differently from what the cashier saw.
 */
export function text(max: number) {
  return z
    .string()
    .max(max * 4)
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .max(max)
        .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]*$/u, {
          message: 'must not contain control or invisible characters',
        }),
    );
}

/** What a cashier types into a search box: invisible characters are dropped, not refused. */
export function searchText(max: number) {
  return z
    .string()
    .max(max * 4)
    .transform((s) => s.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ').trim())
    .pipe(z.string().max(max));
}

export function requiredText(max: number) {
  return text(max).pipe(z.string().min(1, { message: 'is required' }));
}

export const amountMinor = z
  .number()
  .int({ message: 'must be a whole number of minor units' })
  .min(0)
  .max(MAX_AMOUNT_MINOR);

export const points = z.number().int().min(0).max(1_000_000_000);

export const pin = z.string().regex(/^\d{4,8}$/, { message: 'must be 4 to 8 digits' });
