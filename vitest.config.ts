import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'electron/**/*.test.ts',
      'server/**/*.test.ts',
      'logging/**/*.test.ts',
      'test/unit/**/*.test.ts',
      'test/electron/**/*.test.ts',
      'test/sim/**/*.test.ts',
      'test/crash/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    // vitest's default is one worker fewer than the cores: one on a 2-core machine, though most
    // files wait on PostgreSQL, SQLite or loopback HTTP rather than the CPU. Two took the suite
    // from 653 s to 475 s here.
    maxWorkers: 2,
    // No test here times anything (speed is the benchmarks' business); the limits only stop a
    // hang. vitest's 5 s and 10 s were met by tests that take 0.5 s on a quiet machine and
    // 6–13 s when CI shares two cores with other builds.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      LOYALTY_LOG: process.env.LOYALTY_LOG ?? 'silent',
      // Tests' terminals share one secret rather than leaving key files beside temp folders.
      LOYALTY_TERMINAL_SECRET: '7e'.repeat(32),
    },
  },
});
