import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * A built office UI in a temp folder (office.html and one hashed asset) for the describe block:
 * call inside describe(), read `dir()` in the tests.
 */
export function builtOfficePerSuite(): { dir(): string } {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'office-built-'));
    mkdirSync(path.join(dir, 'assets'));
    writeFileSync(path.join(dir, 'office.html'), '<!doctype html><title>Head office</title>');
    writeFileSync(path.join(dir, 'assets', 'office-abc123.js'), 'export {};');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return { dir: () => dir };
}
