import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../server/db/postgres';
import { PG_URL } from '../bench/sync/headOffice';
import { benchSegmentCount } from '../bench/office/segmentCount';
import { benchCampaignAssign } from '../bench/office/campaignAssign';
import { benchCampaignResults } from '../bench/office/campaignResults';
import { benchMemberView } from '../bench/office/memberView';
import { benchVoiceDashboard } from '../bench/office/voiceDashboard';

/**
 * The head-office benchmarks (test/bench/office/) at a tiny size, on the PostgreSQL server
 * (they exist only there), each in a schema of its own dropped afterwards: each loads its data,
 * runs our path and its bare statement, finds they agree, and reports a well-formed result.
 * No timing is asserted.
 */
const chain = { members: 300, seed: 5, events: 40, rounds: 2, disposable: true };
const notesOf = (result: { notes: string[] }) => result.notes.join('\n');

describe.runIf(process.env.HEAD_OFFICE_PG_TESTS === '1')('the head-office benchmarks', () => {
  it('segment_count counts the saved segment as the bare statement does', async () => {
    const result = await benchSegmentCount(chain);
    expect(result.name).toBe('segment_count');
    expect(result.ours.count).toBe(2);
    expect(result.baseline?.count).toBe(2);
    expect(notesOf(result)).toContain('ours and the baseline agree: yes');
    expect(result.figures?.segment_members).toBeGreaterThan(0);
    expect(result.figures?.segment_members).toBeLessThan(301);
  }, 120_000);

  it('campaign_assign assigns every member to the arm the formula gives', async () => {
    const result = await benchCampaignAssign({ ...chain, rounds: 1 });
    expect(result.name).toBe('campaign_assign');
    expect(Object.keys(result.json ?? {})).toEqual([
      'seconds',
      'baseline_seconds',
      'ratio',
      'members',
    ]);
    expect(result.json?.members).toBe(301);
    expect(result.json?.seconds).toBeGreaterThan(0);
    expect(notesOf(result)).toContain('every member in the arm the formula gives: yes');
    expect(notesOf(result)).toContain('assigned 301 (bare 301)');
  }, 120_000);

  it('campaign_results shows the arms the bare statement sums', async () => {
    const result = await benchCampaignResults(chain);
    expect(result.name).toBe('campaign_results');
    expect(result.figures?.members).toBe(301);
    expect(notesOf(result)).toContain('ours and the baseline agree on every arm: yes');
  }, 120_000);

  it("member_view shows the regular's page", async () => {
    const result = await benchMemberView(chain);
    expect(result.name).toBe('member_view');
    // 36 sales (with their earn entries) and 4 bonus points entries.
    expect(result.figures?.events).toBe(40);
    expect(notesOf(result)).toMatch(/the page shows \d+ timeline entries/);
    expect(result.ours.count).toBe(2);
  }, 120_000);

  it('voice_dashboard agrees with the bare aggregate and leaves no schema behind', async () => {
    const result = await benchVoiceDashboard({
      responses: 400,
      seed: 5,
      rounds: 2,
      disposable: true,
    });
    expect(result.name).toBe('voice_dashboard');
    expect(result.figures).toEqual({ responses: 400, complaints: 20 });
    expect(notesOf(result)).toContain('agree on sales, responses and complaints: yes');
    const db = await openPostgres(PG_URL, { maxConnections: 1 });
    try {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'bench\\_%\\_t' || $1`,
        [String(process.pid)],
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});
