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
    env: {
      LOYALTY_LOG: process.env.LOYALTY_LOG ?? 'silent',
      // Tests' terminals share one secret rather than leaving key files beside temp folders.
      LOYALTY_TERMINAL_SECRET: '7e'.repeat(32),
    },
  },
});
