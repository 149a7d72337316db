/**
 * scan_to_line: from the scanner's Enter to the line priced on screen, through the core's
 * dispatch as the till calls it: `catalogue.scan` of an item's barcode, then `sale.preview` of
 * the open sale with the new line added (a member attached, three lines already rung up). The
 * catalogue holds `items` items (default 100,000) pulled through the products stream into a real
 * on-disk ledger, encrypted as every terminal's is. Target: p99 ≤ 5 ms.
 *
 * Baseline, in the same run on the same file: bare better-sqlite3 doing the barcode lookup (the
 * prepared join of catalogue_barcode and catalogue_item on the code), the raw limit of a scan.
 */
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { openCore, LEDGER_FILE, type TerminalCore } from '../../electron/core/core';
import { applyPullPage } from '../../electron/core/sync/applyPull';
import type { CatalogueItem } from '../../shared/api/catalogue';
import type { PulledProduct } from '../../shared/catalogue';
import type { Member } from '../../shared/domain';
import type { Result } from '../../shared/result';
import { ean13, itemIdOf, productPages } from '../unit/helpers/catalogue';
import { CIPHER_NOTE, openBaseline } from './baseline';
import { chineseName, Rng, setupInput } from './data';
import {
  fmtMs,
  inputsNeeded,
  overallNote,
  runAlternating,
  type AlternatingPlan,
  type BenchResult,
} from './stats';

const TARGET_P99_MS = 5;
const defaultPlan: AlternatingPlan = { warmup: 500, rounds: 10, perRound: 500 };

const drinks = ['奶茶', '檸檬茶', '咖啡', '鴛鴦', '豆漿', '綠茶', '烏龍茶', '朱古力'];

function barcodeOf(n: number): string {
  return ean13(`489${String(n).padStart(9, '0')}`);
}

function catalogueItem(rng: Rng, n: number): PulledProduct {
  const drink = rng.pick(drinks);
  const name = `${chineseName(rng).slice(0, 1)}記${drink}`;
  const category = `CAT-${n % 40}`;
  return {
    itemId: itemIdOf(n),
    sku: `SKU-${String(n).padStart(6, '0')}`,
    barcodes: n % 10 === 0 ? [barcodeOf(n), `C128-${n}`] : [barcodeOf(n)],
    names: { en: `Item ${n} ${drink.length}`, 'zh-Hant': name, 'zh-Hans': '' },
    category: { code: category, names: { en: category, 'zh-Hant': '', 'zh-Hans': '' } },
    priceMinor: rng.range(5, 300) * 100 + rng.pick([0, 50, 90]),
    taxClass: null,
    active: n % 50 !== 0,
  };
}

function value<T>(result: Result<unknown>, what: string): T {
  if (!result.ok) throw new Error(`${what}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

export interface ScanToLineOptions {
  items: number;
  seed: number;
  plan?: AlternatingPlan;
  progress?: (message: string) => void;
}

/** Sets up a terminal in `dir` with `items` catalogue items pulled in, and a member. */
export function stockedTill(
  dir: string,
  items: number,
  seed: number,
): { core: TerminalCore; member: Member } {
  const core = openCore({ dataDir: dir });
  value(core.dispatch('terminal.setup', setupInput), 'terminal.setup');
  const rng = new Rng(seed, 16);
  const products = Array.from({ length: items }, (_, i) => catalogueItem(rng, i + 1));
  for (const page of productPages(products)) applyPullPage(core.db, page);
  const member = value<Member>(
    core.dispatch('member.enroll', { name: '陳大文', phone: '9123 4567' }),
    'member.enroll',
  );
  return { core, member };
}

export function benchScanToLine(options: ScanToLineOptions): BenchResult {
  const plan = options.plan ?? defaultPlan;
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-scan-to-line-'));
  try {
    options.progress?.(`scan_to_line: pulling ${options.items.toLocaleString('en')} items`);
    const loadStarted = performance.now();
    const { core, member } = stockedTill(dir, options.items, options.seed);
    const loadS = (performance.now() - loadStarted) / 1000;
    const bare = openBaseline(path.join(dir, LEDGER_FILE), { readonly: true });
    try {
      const rng = new Rng(options.seed, 17);
      // Sold items only (every 50th is inactive); a few typed as a cashier would, in groups.
      const codes = Array.from({ length: inputsNeeded(plan) }, () => {
        let n = rng.range(1, options.items);
        if (n % 50 === 0) n = n === 1 ? 1 : n - 1;
        const code = barcodeOf(n);
        return rng.chance(0.1) ? `${code.slice(0, 1)} ${code.slice(1, 7)} ${code.slice(7)}` : code;
      });
      const rungUp = [
        {
          description: '奶茶',
          quantity: 2,
          unitPriceMinor: 2200,
          sku: 'SKU-000001',
          category: 'CAT-1',
        },
        { description: '菠蘿包', quantity: 1, unitPriceMinor: 1200, sku: null, category: null },
        { description: '蛋撻', quantity: 3, unitPriceMinor: 900, sku: null, category: null },
      ];
      const raw = bare.prepare(
        `SELECT i.item_id, i.sku, i.name_en, i.name_zh_hant, i.name_zh_hans, i.category_code,
           i.price_minor
         FROM catalogue_barcode b JOIN catalogue_item i ON i.item_id = b.item_id
         WHERE b.code = ? AND i.active = 1`,
      );
      const bareCodes = codes.map((code) => code.replace(/ /g, ''));
      const dispatch = core.dispatch;
      const { ours, baseline } = runAlternating(
        plan,
        (i) => {
          const item = value<CatalogueItem | null>(
            dispatch('catalogue.scan', { code: codes[i] }),
            'catalogue.scan',
          );
          if (!item) throw new Error(`no item for ${codes[i]}`);
          const preview = dispatch('sale.preview', {
            memberId: member.id,
            lines: [
              ...rungUp,
              {
                description: item.name,
                quantity: 1,
                unitPriceMinor: item.priceMinor,
                sku: item.sku,
                category: item.categoryCode,
              },
            ],
            redeemPoints: 0,
          });
          value(preview, 'sale.preview');
        },
        (i) => {
          if (!raw.get(bareCodes[i])) throw new Error(`bare: no item for ${bareCodes[i]}`);
        },
      );
      const o = ours.summary();
      const b = baseline.summary();
      return {
        name: 'scan_to_line',
        ours: o,
        baseline: b,
        target: `p99 <= ${TARGET_P99_MS} ms`,
        met: o.p99Ms <= TARGET_P99_MS,
        notes: [
          `${o.count} scans per side; ${options.items.toLocaleString('en')} catalogue items ` +
            `pulled in ${loadS.toFixed(1)} s; ours = dispatch('catalogue.scan') + ` +
            `dispatch('sale.preview') of 4 lines with a member; baseline = bare prepared barcode lookup`,
          CIPHER_NOTE,
          `baseline p50 ${fmtMs(b.p50Ms)} ms, p99 ${fmtMs(b.p99Ms)} ms; ours max ${fmtMs(o.maxMs)} ms`,
          overallNote(o, b),
        ],
      };
    } finally {
      bare.close();
      core.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
