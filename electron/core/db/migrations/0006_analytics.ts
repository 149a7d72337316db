import type { Migration } from '../migrate';

/**
 * Analytics reads a period of the ledger by time. Sales, points entries and coupons already have
 * an index on created_at (0005, for reports); tier changes do not, and tier movement reads a
 * period of them. Nothing on the sale path pays for this: tier changes are rare writes.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'analytics: tier changes by time',
  up: `
    CREATE INDEX tier_change_created_at ON tier_change(created_at);
  `,
};
