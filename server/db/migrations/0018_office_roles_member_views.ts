import type { Migration } from '../migration';

/**
 * Least privilege and audit at head office (issue 14 §3).
 *
 * - admin_user.role: what the person may do (shared/contract/route.ts officeRoles). Everyone
 *   signed in before roles was an admin, and stays one. A store manager names their store, and
 *   only a store manager does.
 * - member_views: one row per member whose personal data a person was shown at head office, with
 *   the reason they picked. Append-only: the record of who looked is not for anyone to edit, and
 *   a member's export lists it.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'office roles and the member view log',
  up: `
    ALTER TABLE admin_user
      ADD COLUMN role text NOT NULL DEFAULT 'admin'
        CHECK (role IN ('admin', 'customerService', 'analyst', 'storeManager')),
      ADD COLUMN store_id uuid REFERENCES store (id),
      ADD CONSTRAINT admin_user_manager_store CHECK ((role = 'storeManager') = (store_id IS NOT NULL));

    CREATE TABLE member_views (
      id uuid PRIMARY KEY,
      member_id uuid NOT NULL REFERENCES member (id),
      viewed_at timestamptz NOT NULL,
      -- The person (null for an admin token) and the name the audit log knows them by.
      admin_user_id uuid REFERENCES admin_user (id),
      viewer text NOT NULL,
      role text NOT NULL,
      reason text NOT NULL
        CHECK (reason IN ('customer_enquiry', 'complaint', 'data_subject_request', 'fraud_check')),
      -- A search result listing the member, or the member page.
      view text NOT NULL CHECK (view IN ('search', 'page'))
    );
    CREATE INDEX member_views_member ON member_views (member_id, viewed_at);

    CREATE FUNCTION member_views_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      RAISE EXCEPTION 'member views are append-only';
    END
    $fn$;
    CREATE TRIGGER member_views_append_only BEFORE UPDATE OR DELETE ON member_views
      FOR EACH ROW EXECUTE FUNCTION member_views_append_only();
  `,
};
