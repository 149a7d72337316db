import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { pageTable, routeTable } from '../shared/contract/routeTable';
import { adminRoutes } from '../shared/office/adminRoutes';
import { analyticsRoutes } from '../shared/office/analyticsRoutes';
import { dataRequestRoutes } from '../shared/office/dataRequestRoutes';
import { campaignRoutes } from '../shared/office/campaignRoutes';
import { docsRoutes, headOfficePages } from '../shared/office/contract';
import { messageRoutes } from '../shared/office/messages';
import { memberRoutes } from '../shared/office/members';
import { catalogueRoutes } from '../shared/office/catalogue';
import { metricsRoutes } from '../shared/office/metricsRoutes';
import { sessionRoutes } from '../shared/office/sessionRoutes';
import { syncRoutes } from '../shared/sync/routes';

/**
 * server/README.md's route tables, generated from the contract: each sits between
 * `<!-- routes:NAME -->` and `<!-- /routes:NAME -->`. `npx tsx scripts/routeTables.ts` rewrites
 * them; server/http/readmeRoutes.test.ts fails while the README and the contract disagree.
 */
export const README = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../server/README.md',
);

const tables: Record<string, () => string> = {
  sync: () => routeTable(syncRoutes),
  admin: () => routeTable(adminRoutes),
  analytics: () => routeTable(analyticsRoutes),
  campaigns: () => routeTable(campaignRoutes),
  session: () => routeTable(sessionRoutes),
  docs: () => routeTable(docsRoutes),
  dataRequests: () => routeTable(dataRequestRoutes),
  members: () => routeTable(memberRoutes),
  metrics: () => routeTable(metricsRoutes),
  pages: () => pageTable(headOfficePages),
  messages: () => routeTable(messageRoutes),
  catalogue: () => routeTable(catalogueRoutes),
};

export async function withRouteTables(markdown: string): Promise<string> {
  const replaced = markdown.replace(
    /<!-- routes:(\w+) -->\n[\s\S]*?<!-- \/routes:\1 -->/g,
    (_block, name: string) => {
      const table = tables[name];
      if (!table) throw new Error(`server/README.md names no table called ${name}`);
      return `<!-- routes:${name} -->\n\n${table()}\n\n<!-- /routes:${name} -->`;
    },
  );
  const options = (await resolveConfig(README)) ?? {};
  return format(replaced, { ...options, parser: 'markdown' });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const before = readFileSync(README, 'utf8');
  const after = await withRouteTables(before);
  writeFileSync(README, after);
  process.stdout.write(
    before === after ? 'route tables already up to date\n' : 'route tables rewritten\n',
  );
}
