import type { Migration } from '../migration';

/**
 * member_referred_by: the members someone referred, by referrer. The member page's timeline
 * lists "referred a friend" rows for the member on screen (timelineSources.ts), which read
 * every member without this index: 28 ms of a 210 ms page at 100,000 members, growing with the
 * chain. Only members who were referred are in it.
 */
export const migration0021: Migration = {
  version: 21,
  name: 'member referrer index',
  up: `
    CREATE INDEX member_referred_by ON member (referred_by) WHERE referred_by IS NOT NULL;
  `,
};
