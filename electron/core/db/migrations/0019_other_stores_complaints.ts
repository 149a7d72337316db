import type { Migration } from '../migrate';

/**
 * Data minimisation: until now head office sent every store's complaints to every till, so a
 * till holds other stores' complaints (what happened, the member, the contact). Head office now
 * sends a complaint only to its own store's tills (server/sync/pull.ts); this removes what the
 * old stream left here. A complaint is this store's when it was opened here or at another till
 * of this store; every event of any other complaint goes. The append-only guard on deletion is
 * lifted for this one statement and put back as it was. On a ledger that never joined a store
 * (no terminal row yet) there is nothing to remove.
 */
export const migration0019: Migration = {
  version: 19,
  name: 'other stores complaints removed',
  up: `
    DROP TRIGGER complaint_event_append_only_d;
    DELETE FROM complaint_event
    WHERE EXISTS (SELECT 1 FROM terminal)
      AND complaint_id NOT IN (
        SELECT e.complaint_id FROM complaint_event e, terminal t
        WHERE e.kind = 'opened' AND e.store_id = t.store_id);
    CREATE TRIGGER complaint_event_append_only_d BEFORE DELETE ON complaint_event
    BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END;
  `,
};
