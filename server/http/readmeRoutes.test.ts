import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { README, withRouteTables } from '../../scripts/routeTables';
import { headOfficePages, headOfficeRoutes } from '../../shared/office/contract';

describe("server/README.md's route tables", () => {
  const readme = readFileSync(README, 'utf8');

  it('are the contract, as scripts/routeTables.ts writes them', async () => {
    // If this fails: npx tsx scripts/routeTables.ts
    expect(await withRouteTables(readme)).toBe(readme);
  });

  it('name every route and page of the contract', () => {
    for (const { method, path } of [
      ...Object.values(headOfficeRoutes),
      ...Object.values(headOfficePages),
    ]) {
      expect(readme).toMatch(new RegExp(`\\| \`${method} ${path.replace(/[*?]/g, '\\$&')}[?\`]`));
    }
  });
});
