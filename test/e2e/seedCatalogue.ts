/**
 * E2E only: `node --import tsx test/e2e/seedCatalogue.ts DATA_DIR` pulls the catalogue spec's
 * items into a terminal's ledger before its browser host starts, through the same writer the
 * products stream uses (applyPullPage). Head office's side of the stream is not on this branch
 * of the till; once it is, the spec can pull them from a real head office instead.
 */
import { openCore } from '../../electron/core/core';
import { applyPullPage } from '../../electron/core/sync/applyPull';
import { productPages } from '../unit/helpers/catalogue';
import { catalogueItems } from './catalogueItems';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: seedCatalogue.ts DATA_DIR');
const core = openCore({ dataDir });
try {
  for (const page of productPages(catalogueItems)) applyPullPage(core.db, page);
} finally {
  core.close();
}
