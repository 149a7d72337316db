import { describe, expect, it } from 'vitest';
import { describeReport, runCrashScenario } from './crashRun';

/**
 * SIGKILLs the terminal's core process mid-sale and mid-sync, restarts it each time, then syncs
 * to the end: nothing committed is lost or doubled and the outbox drains (crashRun.ts).
 * CRASH_KILLS raises the count (or `npx tsx test/crash/run.ts --kills 200`); CRASH_SEED changes
 * the kill plan.
 */
const kills = Math.max(1, Number(process.env.CRASH_KILLS ?? 50));
const seed = Number(process.env.CRASH_SEED ?? 20_261_122);

describe('terminal crash safety', () => {
  it(
    `loses and doubles nothing across ${kills} SIGKILLs, and drains the outbox after`,
    async () => {
      const report = await runCrashScenario({ kills, seed });
      console.log(describeReport(report));
      expect(report.problems).toEqual([]);
      expect(report.kills).toBe(kills);
      expect(report.ledgerEncrypted).toBe(true);
      // The plan must actually have hit the moments it is about.
      expect(report.midSale.total).toBeGreaterThan(0);
      expect(report.midPush + report.afterAnswer).toBeGreaterThan(0);
      expect(report.idempotentRetries).toBeGreaterThan(0);
    },
    60_000 + kills * 5_000,
  );
});
