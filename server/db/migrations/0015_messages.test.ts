import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import type { HeadOffice } from '../../headOffice';
import { testDatabases } from '../../testing/databases';
import { headOfficePerTest } from '../../testing/headOfficePerTest';
import { queryPlan } from '../../testing/queryPlan';
import {
  enrollTerminal,
  pushOk,
  TerminalScript,
  type TestClock,
} from '../../testing/terminalScript';
import type { Database } from '../database';

/**
 * Migration 0015: the message table and its one settings row. A skipped message always says why
 * (and only a skipped one), a message that must exist once does, and the weekly cap's count and
 * the per-campaign counts can use their indexes.
 */
describe.each(testDatabases)('migration 0015 (messages) on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let memberId: string;
  const office = headOfficePerTest(testDb);
  beforeEach(async () => {
    ({ db, clock, headOffice } = await office.fresh());
    const till = new TerminalScript(await enrollTerminal(headOffice), clock);
    memberId = till.enrollMember({ name: 'Chan', phoneE164: '+85291234567' }).memberId;
    await pushOk(headOffice, till);
  });

  const insert = (status: string, reason: string | null, dedupe: string | null = null) =>
    db.query(
      `INSERT INTO message (id, member_id, channel, purpose, template, content, status,
         skip_reason, dedupe_key, created_at, updated_at)
       VALUES ($1, $2, 'email', 'marketing', 't', '{}'::jsonb, $3, $4, $5, now(), now())`,
      [uuidv7(clock.now()), memberId, status, reason, dedupe],
    );

  it('makes one settings row with a signing key at start-up', async () => {
    const { rows } = await db.query<{ n: number; key_length: number }>(
      'SELECT count(*)::int8 AS n, max(length(signing_key)) AS key_length FROM message_settings',
    );
    expect(rows).toEqual([{ n: 1, key_length: 43 }]);
  });

  it('refuses a skipped message without a reason, a reason on another status, and a repeated dedupe key', async () => {
    await expect(insert('skipped', null)).rejects.toThrow();
    await expect(insert('sent', 'no_consent')).rejects.toThrow();
    await expect(insert('skipped', 'bored')).rejects.toThrow();
    await expect(insert('delivered', null)).rejects.toThrow();
    await insert('skipped', 'weekly_cap', 'birthday:2026:x');
    await expect(insert('queued', null, 'birthday:2026:x')).rejects.toThrow();
  });

  it('counts a member’s week and a campaign’s messages by index', async () => {
    const week = await queryPlan(
      db,
      `SELECT count(*) FROM message WHERE member_id = $1 AND id <> $2 AND sending_at >= $3
         AND status IN ('sending', 'sent', 'bounced')`,
      [memberId, uuidv7(), new Date(clock.now()).toISOString()],
    );
    expect(week).toContain('message_member');
    const campaign = await queryPlan(
      db,
      `SELECT status, count(*) FROM message WHERE campaign_id = $1 GROUP BY status`,
      ['double-points'],
    );
    expect(campaign).toContain('message_campaign');
  });
});
