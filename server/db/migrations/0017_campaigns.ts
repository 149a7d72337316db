import type { Migration } from '../migration';

/**
 * Segments and campaigns (issue 15 §3).
 *
 * - segment: a saved definition (shared/office/campaigns.ts), compiled to one parameterised
 *   statement whenever it is counted or a campaign launches (server/campaigns/segmentQuery.ts).
 * - campaign, campaign_variant: what a campaign offers, in variant order; the arms' split is the
 *   holdout in basis points, then the variants by weight (server/campaigns/assignment.ts).
 * - campaign_assignment: who is in which arm, written at launch and never changed: the arm is a
 *   hash of campaign and member, so evaluating the segment again only adds the newcomers. A null
 *   variant is the holdout.
 * - The offers stream carries treated members' multiplier offers to every terminal.
 */
export const migration0017: Migration = {
  version: 17,
  name: 'segments and campaigns',
  up: `
    CREATE TABLE segment (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
      definition jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
      created_at timestamptz NOT NULL
    );

    CREATE TABLE campaign (
      id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
      segment_id uuid NOT NULL REFERENCES segment (id),
      status text NOT NULL CHECK (status IN ('draft', 'running', 'ended')),
      holdout_basis_points integer NOT NULL CHECK (holdout_basis_points BETWEEN 0 AND 5000),
      attribution_days integer NOT NULL CHECK (attribution_days BETWEEN 1 AND 365),
      cost_minor bigint CHECK (cost_minor IS NULL OR cost_minor >= 0),
      minimum_conversion_points numeric,
      minimum_spend_minor bigint,
      created_at timestamptz NOT NULL,
      launched_at timestamptz,
      ended_at timestamptz,
      CHECK ((status = 'draft') = (launched_at IS NULL))
    );

    CREATE TABLE campaign_variant (
      id uuid PRIMARY KEY,
      campaign_id uuid NOT NULL REFERENCES campaign (id),
      position integer NOT NULL CHECK (position >= 0),
      name text NOT NULL,
      weight integer NOT NULL CHECK (weight BETWEEN 1 AND 100),
      offer jsonb NOT NULL,
      message jsonb,
      UNIQUE (campaign_id, position)
    );

    CREATE TABLE campaign_assignment (
      campaign_id uuid NOT NULL REFERENCES campaign (id),
      member_id uuid NOT NULL REFERENCES member (id),
      variant_id uuid REFERENCES campaign_variant (id),
      bucket integer NOT NULL CHECK (bucket BETWEEN 0 AND 9999),
      assigned_at timestamptz NOT NULL,
      PRIMARY KEY (campaign_id, member_id)
    );
    CREATE INDEX campaign_assignment_member ON campaign_assignment (member_id);

    INSERT INTO stream_counter (stream, seq) VALUES ('offers', 0);
  `,
};
