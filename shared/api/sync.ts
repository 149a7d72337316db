import { z } from 'zod';
import { asyncOperation } from './operation';
import { pin, requiredText } from './fields';
import type { EnrollmentResult } from '../domain';

const serverUrl = z
  .string()
  .trim()
  .max(200)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'https:' || url.protocol === 'http:') &&
        url.username === '' &&
        url.password === ''
      );
    } catch {
      return false;
    }
  }, 'must be an http(s) address');

/** Operations that talk to head office: asynchronous, never on the sale path. */
export const syncOperations = {
  /** Enrolls this terminal with head office using a one-time code from an admin. */
  'sync.enroll': asyncOperation<EnrollmentResult>()(
    z.strictObject({ serverUrl, code: requiredText(32), managerPin: pin.optional() }),
    'manager',
  ),
  /** Pushes and pulls now instead of waiting for the next round. */
  'sync.now': asyncOperation<{ result: 'synced' | 'offline' | 'refused' | 'not_enrolled' }>()(
    z.strictObject({}),
    'cashier',
  ),
};
