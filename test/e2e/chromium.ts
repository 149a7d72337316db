import { existsSync } from 'node:fs';

/** Debian's Chromium, or the one CHROMIUM_PATH names. Never a browser Playwright downloads. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install it (sudo apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return path;
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
