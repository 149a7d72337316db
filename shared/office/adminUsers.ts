import { z } from 'zod';
import { id } from '../api/fields';
import { officeRoles } from '../contract/route';
import { locales } from '../locale';

/** The people who sign in to the head-office UI, and their sessions (server/office/). */
export const MIN_PASSWORD_LENGTH = 10;

const adminName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]+$/u, 'no control characters');
const password = z.string().min(MIN_PASSWORD_LENGTH).max(200);

/**
 * A new person: an admin unless a role is named; a store manager names their store, and nobody
 * else does (their store is all a store manager sees).
 */
export const newAdminUserRequest = z
  .strictObject({
    name: adminName,
    password,
    role: z.enum(officeRoles).default('admin'),
    storeId: id.optional(),
  })
  .refine((user) => (user.role === 'storeManager') === (user.storeId !== undefined), {
    message: 'a store manager names their store, and only a store manager does',
    path: ['storeId'],
  });
export const signInRequest = z.strictObject({
  name: z.string().max(64),
  password: z.string().max(200),
});
export const languageRequest = z.strictObject({ language: z.enum(locales) });

/** The first admin on a new head office, made with the admin token printed at first start. */
export const firstAdminRequest = z.strictObject({
  adminToken: z.string().min(1).max(512),
  name: adminName,
  password,
});

export const adminUserView = z.strictObject({
  id,
  name: z.string(),
  language: z.enum(locales),
  role: z.enum(officeRoles),
  /** A store manager's store; null for every other role. */
  storeId: id.nullable(),
  createdAt: z.iso.datetime(),
});
export type AdminUserView = z.infer<typeof adminUserView>;

export const adminUserList = z.strictObject({
  admins: z.array(adminUserView.extend({ lockedUntil: z.iso.datetime().nullable() })),
});

/** Who is signed in, as the UI sees it. */
export const sessionView = z.strictObject({ user: adminUserView, expiresAt: z.iso.datetime() });
export type SessionView = z.infer<typeof sessionView>;

/** GET /office/api/session and what signing in and out answer. */
export const sessionState = z.discriminatedUnion('signedIn', [
  z.strictObject({ signedIn: z.literal(true), ...sessionView.shape }),
  z.strictObject({
    signedIn: z.literal(false),
    /** True on a head office with no admin yet: the sign-in page offers to make the first. */
    needsFirstAdmin: z.boolean().optional(),
  }),
]);
export type SessionState = z.infer<typeof sessionState>;
