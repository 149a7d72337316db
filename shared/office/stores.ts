import { z } from 'zod';
import { id } from '../api/fields';

/** Stores and the one-time codes that let a terminal join one (server/admin/provisioning.ts). */
export const storeView = z.strictObject({
  id,
  name: z.string(),
  createdAt: z.iso.datetime(),
  /** Terminals ever enrolled in the store, revoked ones included. */
  terminals: z.number().int().min(0),
});
export type StoreView = z.infer<typeof storeView>;

export const storeList = z.strictObject({ stores: z.array(storeView) });

export const createStoreRequest = z.strictObject({ name: z.string().trim().min(1).max(200) });

/** A code lives a day unless asked otherwise, a week at most. */
export const DEFAULT_CODE_TTL_MINUTES = 24 * 60;
export const createEnrollmentCodeRequest = z.strictObject({
  ttlMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
});

export const enrollmentCodeView = z.strictObject({
  /** As printed, e.g. "KXM4-7PQR": shown once, head office keeps only its hash. */
  code: z.string(),
  storeId: id,
  storeName: z.string(),
  expiresAt: z.iso.datetime(),
});
export type EnrollmentCodeView = z.infer<typeof enrollmentCodeView>;
