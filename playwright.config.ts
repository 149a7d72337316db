import { defineConfig } from '@playwright/test';
import { chromiumPath, chromiumArgs } from './test/e2e/chromium';

/**
 * End-to-end tests drive the real renderer in Debian's Chromium against the browser host.
 * Never a downloaded browser: CHROMIUM_PATH or /usr/bin/chromium.
 */
export default defineConfig({
  testDir: './test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  outputDir: './test-results',
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    locale: 'en-GB',
    timezoneId: 'Asia/Hong_Kong',
    launchOptions: { executablePath: chromiumPath(), args: chromiumArgs },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
