/**
 * `npx tsx test/crash/run.ts [--kills N] [--seed N] [--keep]`: the crash scenario on its own,
 * with as many kills as you like (npm test runs 50). Exits 1 when a check fails.
 */
import { parseArgs } from 'node:util';
import { describeReport, runCrashScenario } from './crashRun';

const DEFAULT_KILLS = 200;
const DEFAULT_SEED = 20_261_122;

function whole(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw new Error(`--${name} must be a whole number, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
  });
  process.env.LOYALTY_LOG ??= 'warn';
  const report = await runCrashScenario({
    kills: whole(values.kills, 'kills', DEFAULT_KILLS),
    seed: whole(values.seed, 'seed', DEFAULT_SEED),
    keep: values.keep,
    log: (message) => process.stderr.write(`[crash] ${message}\n`),
  });
  process.stdout.write(`${describeReport(report)}\n`);
  if (report.problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
