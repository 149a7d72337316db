import type { Migration } from '../migration';

/**
 * The program configuration's history, and the indexes the consolidated report reads by.
 *
 * - program_config_version: every version of the configuration, once (the version is the key),
 *   with who set it and when. Until now the history was read from the audit log, where version 1
 *   (the defaults a new head office starts with) was never written. The versions already in the
 *   audit log are copied here, then the current one if the audit log lacked it: on a head office
 *   still at version 1 that is version 1 itself. A version whose content nobody kept is not made
 *   up. From now on head office writes a version here in the transaction that makes it current.
 * - member_store_arrived, coupon_use_store_recorded: the report's new members and coupon
 *   discounts of one store, narrowed by when head office heard of them (a terminal reports
 *   after it acts, a day of clock error allowed), as the sales figures already were by
 *   sale_store_recorded.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'configuration history and report indexes',
  up: `
    CREATE TABLE program_config_version (
      version integer PRIMARY KEY CHECK (version >= 1),
      -- The whole configuration as of this version: {program, offlineRedemption}.
      data jsonb NOT NULL,
      set_at timestamptz NOT NULL,
      set_by text NOT NULL
    );

    INSERT INTO program_config_version (version, data, set_at, set_by)
    SELECT DISTINCT ON ((details ->> 'version')::int)
      (details ->> 'version')::int, details - 'version' - 'updatedAt', at, actor
    FROM audit_log
    WHERE action = 'config.set' AND details ->> 'version' ~ '^[1-9][0-9]{0,8}$'
    ORDER BY (details ->> 'version')::int, id;

    INSERT INTO program_config_version (version, data, set_at, set_by)
    SELECT version, data, updated_at, updated_by FROM program_config
    ON CONFLICT (version) DO NOTHING;

    CREATE INDEX member_store_arrived ON member (enrolled_store_id, arrived_at)
      WHERE merged_into IS NULL;
    CREATE INDEX coupon_use_store_recorded ON coupon_use (store_id, recorded_at);
  `,
};
