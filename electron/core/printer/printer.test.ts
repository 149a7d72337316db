import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/domain';
import { translate } from '../../../shared/i18n';
import { intlLocale, type Locale } from '../../../shared/locale';
import { formatMoney } from '../../../shared/money';
import type { PrintOutcome, PrinterSettings } from '../../../shared/printer';
import { columnsOfPaper } from '../../../shared/printer';
import { openCore } from '../core';
import {
  MANAGER_PIN,
  makeTempDir,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import {
  campaign,
  enroll,
  goods,
  programWith,
  refund,
  rows,
  sell,
} from '../../../test/unit/helpers/loyalty';
import { startFakePrinter, parseEscPos, type FakePrinter } from '../../../test/printer/fakePrinter';
import { printToQueue } from './printQueue';
import { drawerPulseBytes, printoutBytes } from './escposReceipt';
import { receiptBlocks } from './receiptLayout';

/**
 * Receipts on a fake ESC/POS printer on loopback, from sales committed to a real ledger: the
 * text in each language and paper width, the barcodes, the cut and the drawer pulse; what the
 * printer's status answer does; the OS queue; "no sale".
 */

const program = programWith({
  coupons: {
    campaigns: [campaign({ id: 'tenoff', name: '10% off' })],
    welcomeCampaignId: null,
    birthdayCampaignId: null,
    nextOrder: { spendMinor: 50_000, campaignId: 'tenoff' },
  },
  giftCards: { expiryMonths: 12 },
});

let core: TestCore;
let printer: FakePrinter;

beforeEach(() => {
  core = openTestCore({ program });
});
afterEach(async () => {
  core.cleanup();
  await printer?.close();
});

const networkPrinter = (port: number, more: Partial<PrinterSettings> = {}): PrinterSettings => ({
  transport: 'network',
  host: '127.0.0.1',
  port,
  queue: null,
  paperWidth: 80,
  charset: 'big5',
  drawer: true,
  logo: null,
  ...more,
});

function configure(settings: PrinterSettings): PrinterSettings {
  return unwrap(core.dispatch('printer.configure', { settings })) as PrinterSettings;
}

async function print(saleId: string, reprint?: boolean): Promise<PrintOutcome> {
  const result = await core.dispatchAsync('printer.printReceipt', {
    saleId,
    ...(reprint ? { reprint } : {}),
  });
  return unwrap(result) as PrintOutcome;
}

/** Columns a printed line takes: a double-byte character is two. */
const widthOf = (line: string) =>
  [...line].reduce((sum, char) => sum + ((char.codePointAt(0) ?? 0) < 0x80 ? 1 : 2), 0);

const names: Record<Locale, string> = { en: 'Amy Chan', 'zh-Hant': '陳美美', 'zh-Hans': '陈美美' };
const cases = (['en', 'zh-Hant', 'zh-Hans'] as const).flatMap((locale) =>
  ([58, 80] as const).map((paperWidth) => ({ locale, paperWidth })),
);

describe('a cash sale with a member, a gift card and a coupon earned', () => {
  it.each(cases)('$locale on $paperWidth mm: text, barcodes, cut and drawer pulse', async (c) => {
    const charset = c.locale === 'zh-Hans' ? 'gb18030' : 'big5';
    printer = await startFakePrinter({ charset });
    unwrap(core.dispatch('terminal.setLocale', { locale: c.locale }));
    configure(networkPrinter(printer.port, { paperWidth: c.paperWidth, charset }));
    const amy = enroll(core, { name: names[c.locale] });
    const receipt = sell(core, {
      memberId: amy.id,
      lines: [
        goods(50_000, { description: c.locale === 'en' ? 'Green tea' : '綠茶' }),
        goods(10_000, { kind: 'gift_card', description: '' }),
      ],
      cashReceivedMinor: 70_000,
    });
    const coupon = receipt.couponsIssued[0]?.code ?? '';
    const giftCard = receipt.giftCards[0]?.code ?? '';
    expect(coupon).not.toBe('');
    expect(giftCard).not.toBe('');

    const outcome = await print(receipt.sale.id);
    const job = await printer.nextJob();
    expect(outcome).toEqual({ status: 'printed', drawerOpened: true });
    expect(job.unknown).toEqual([]);
    // Asked for status first, then printed, pulsed the drawer once and cut once.
    expect(job.statusRequests).toEqual([1, 4]);
    expect(job.pulses).toEqual([{ pin: 0, onMs: 100, offMs: 500 }]);
    expect(job.cuts).toBe(1);
    expect(job.barcodes.map((b) => b.data).sort()).toEqual(
      [amy.cardNumber, coupon, giftCard].sort(),
    );

    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
      translate(c.locale, key, params);
    const money = (minor: number) => formatMoney(minor, 'HKD', intlLocale(c.locale));
    const columns = columnsOfPaper[c.paperWidth];
    const lines = job.lines.map((line) => line.trim());
    for (const line of job.lines) expect(widthOf(line)).toBeLessThanOrEqual(columns);
    expect(lines).toContain(core.terminal.storeName);
    expect(lines).toContain(t('receipt.saleTitle'));
    expect(lines).toContain(t('receipt.thanks'));
    const total = job.lines.find((line) => line.startsWith(t('sale.total')));
    expect(total?.endsWith(money(60_000))).toBe(true);
    expect(widthOf(total ?? '')).toBe(columns);
    expect(job.lines.some((line) => line.includes(t('sale.giftCardLine')))).toBe(true);
    expect(job.lines.find((line) => line.startsWith(t('tender.changeGiven')))).toMatch(
      new RegExp(`${money(10_000).replace(/[$.]/g, '\\$&')}$`),
    );
    expect(job.lines.some((line) => line.startsWith(`${names[c.locale]} · `))).toBe(true);
    expect(lines).toContain(t('receipt.couponsIssued'));
    expect(lines).toContain(t('receipt.giftCards'));
  });
});

describe('the drawer', () => {
  it('stays shut for a card sale and for a reprint of a cash sale', async () => {
    printer = await startFakePrinter();
    configure(networkPrinter(printer.port));
    const card = sell(core, { lines: [goods(1_000)], moneyTender: 'card' });
    expect(await print(card.sale.id)).toEqual({ status: 'printed', drawerOpened: false });
    expect((await printer.nextJob()).pulses).toEqual([]);
    const cash = sell(core, { lines: [goods(1_000)] });
    expect(await print(cash.sale.id, true)).toEqual({ status: 'printed', drawerOpened: false });
    const reprinted = await printer.nextJob();
    expect(reprinted.pulses).toEqual([]);
    expect(reprinted.cuts).toBe(1);
  });

  it('stays shut when the drawer is switched off', async () => {
    printer = await startFakePrinter();
    configure(networkPrinter(printer.port, { drawer: false }));
    const cash = sell(core, { lines: [goods(1_000)] });
    expect(await print(cash.sale.id)).toEqual({ status: 'printed', drawerOpened: false });
    expect((await printer.nextJob()).pulses).toEqual([]);
  });

  it('"no sale" needs a manager, is audited with the reason, and pulses the drawer only', async () => {
    printer = await startFakePrinter();
    configure(networkPrinter(printer.port));
    unwrap(
      core.dispatch('staff.add', {
        name: 'Cara Cashier',
        role: 'cashier',
        pin: '1357',
        managerPin: MANAGER_PIN,
      }),
    );
    unwrap(core.dispatch('staff.signIn', { pin: '1357' }));
    const refused = await core.dispatchAsync('printer.openDrawer', { reason: 'Change' });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('manager_required');
    expect(printer.jobs).toEqual([]);

    const opened = await core.dispatchAsync('printer.openDrawer', {
      reason: 'Change for the float',
      managerPin: MANAGER_PIN,
    });
    expect(unwrap(opened)).toEqual({ status: 'printed', drawerOpened: true });
    const job = await printer.nextJob();
    expect(job.pulses).toHaveLength(1);
    expect(job.lines.filter((line) => line !== '')).toEqual([]);
    expect(job.cuts).toBe(0);
    expect(
      rows(
        core,
        "SELECT reason, approved_by IS NOT NULL AS approved FROM audit_log WHERE action = 'drawer.no_sale'",
      ),
    ).toEqual([{ reason: 'Change for the float', approved: 1 }]);
  });

  it('"no sale" without a printer is refused and nothing is audited', async () => {
    const refused = await core.dispatchAsync('printer.openDrawer', {});
    expect(refused.ok ? 'ok' : refused.error.code).toBe('printer_not_set_up');
    expect(rows(core, "SELECT id FROM audit_log WHERE action = 'drawer.no_sale'")).toEqual([]);
  });
});

describe("the printer's status", () => {
  it('paper out: nothing printed, the drawer still opens, and the sale is in the ledger on disk', async () => {
    printer = await startFakePrinter({ state: 'paper_out' });
    configure(networkPrinter(printer.port));
    const sale = sell(core, { lines: [goods(2_500)], cashReceivedMinor: 5_000 });
    expect(await print(sale.sale.id)).toEqual({ status: 'paper_out', drawerOpened: true });
    const job = await printer.nextJob();
    expect(job.pulses).toHaveLength(1);
    expect(job.cuts).toBe(0);
    expect(job.lines.filter((line) => line !== '')).toEqual([]);

    // Close the terminal and open its ledger file again: the sale was committed before printing.
    core.close();
    const again = openCore({ dataDir: core.dataDir });
    try {
      const stored = unwrap(again.dispatch('sale.get', { saleId: sale.sale.id })) as Receipt;
      expect(stored.sale.totalMinor).toBe(2_500);
    } finally {
      again.close();
    }
  });

  it('offline (the printer says so): nothing printed', async () => {
    printer = await startFakePrinter({ state: 'offline' });
    configure(networkPrinter(printer.port));
    const sale = sell(core, { lines: [goods(2_500)], moneyTender: 'card' });
    expect(await print(sale.sale.id)).toEqual({ status: 'offline', drawerOpened: false });
    const job = await printer.nextJob();
    expect(job.cuts).toBe(0);
  });

  it('a printer that does not answer status still gets the receipt: "unknown", not an error', async () => {
    printer = await startFakePrinter({ state: 'silent' });
    configure(networkPrinter(printer.port));
    const sale = sell(core, { lines: [goods(2_500)] });
    expect(await print(sale.sale.id)).toEqual({ status: 'unknown', drawerOpened: true });
    const job = await printer.nextJob();
    expect(job.cuts).toBe(1);
    expect(job.pulses).toHaveLength(1);
  });

  it('nobody listening: offline, and the sale stands', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    configure(networkPrinter(port));
    const sale = sell(core, { lines: [goods(2_500)] });
    expect(await print(sale.sale.id)).toEqual({ status: 'offline', drawerOpened: false });
    expect(unwrap(core.dispatch('sale.get', { saleId: sale.sale.id }))).toBeTruthy();
  });
});

describe('settings', () => {
  it('the print dialog is the default: printing answers "dialog" and sends nothing', async () => {
    const settings = unwrap(core.dispatch('printer.settings', {})) as PrinterSettings;
    expect(settings.transport).toBe('dialog');
    const sale = sell(core, { lines: [goods(100)] });
    expect(await print(sale.sale.id)).toEqual({ status: 'dialog', drawerOpened: false });
  });

  it('a change is audited (the logo by its size), and a bad one is refused with nothing written', async () => {
    printer = await startFakePrinter();
    const logo = {
      width: 16,
      height: 2,
      bits: Buffer.from([0xff, 0x00, 0x0f, 0xf0]).toString('base64'),
    };
    configure(networkPrinter(printer.port, { logo }));
    const audited = rows<{ after: string }>(
      core,
      "SELECT after FROM audit_log WHERE action = 'printer.configured'",
    );
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0]?.after ?? '{}')).toMatchObject({
      transport: 'network',
      logo: '16×2',
    });
    const refused = core.dispatch('printer.configure', {
      settings: { ...networkPrinter(printer.port), host: 'printer;reboot' },
    });
    expect(refused.ok ? 'ok' : refused.error.code).toBe('invalid_input');
    expect((unwrap(core.dispatch('printer.settings', {})) as PrinterSettings).logo).toEqual(logo);

    // The test page carries the logo as a raster image, a barcode and the cut.
    const outcome = unwrap(await core.dispatchAsync('printer.testPrint', {}));
    expect(outcome).toEqual({ status: 'printed', drawerOpened: false });
    const job = await printer.nextJob();
    expect(job.images).toEqual([{ width: 16, height: 8 }]);
    expect(job.barcodes).toHaveLength(1);
    expect(job.cuts).toBe(1);
    expect(job.unknown).toEqual([]);
  });
});

describe('the OS print queue', () => {
  it('runs lp -d QUEUE -o raw with the bytes on its input, no shell; a failing lp is offline', async () => {
    const tmp = makeTempDir();
    try {
      const lp = path.join(tmp.dir, 'lp');
      writeFileSync(lp, `#!/bin/sh\nprintf '%s\\n' "$@" > "$0.args"\ncat > "$0.job"\n`);
      chmodSync(lp, 0o755);
      const bytes = drawerPulseBytes({ paperWidth: 58, charset: 'big5', logo: null });
      expect(await printToQueue('Front_counter', bytes, lp)).toBe('queued');
      expect(readFileSync(`${lp}.args`, 'utf8')).toBe('-d\nFront_counter\n-o\nraw\n');
      expect(parseEscPos(readFileSync(`${lp}.job`), 'big5').pulses).toHaveLength(1);

      const failing = path.join(tmp.dir, 'lp-failing');
      writeFileSync(
        failing,
        '#!/bin/sh\ncat > /dev/null\necho "lp: The printer or class does not exist." >&2\nexit 1\n',
      );
      chmodSync(failing, 0o755);
      expect(await printToQueue('Nowhere', bytes, failing)).toBe('offline');
      expect(await printToQueue('Nowhere', bytes, path.join(tmp.dir, 'no-such-lp'))).toBe(
        'offline',
      );
    } finally {
      tmp.remove();
    }
  });
});

describe('paper layout', () => {
  it('wraps long Chinese and English text within the columns, and a code too wide for 58 mm prints as QR', () => {
    const longName = '特濃港式鴛鴦奶茶配菠蘿油及火腿通粉套餐（大）';
    const bytes = printoutBytes(
      [
        { kind: 'text', text: longName },
        {
          kind: 'pair',
          left: 'A very long English item name indeed, really',
          right: 'HK$1,234.50',
        },
        { kind: 'barcode', code: 'ABCDEFGHIJKLMNOPQRST' },
        { kind: 'barcode', code: '2717880000010' },
      ],
      { paperWidth: 58, charset: 'big5', logo: null },
      { drawer: false },
    );
    const job = parseEscPos(bytes, 'big5');
    expect(job.unknown).toEqual([]);
    for (const line of job.lines) expect(widthOf(line)).toBeLessThanOrEqual(32);
    expect(job.lines.filter((line) => line !== '').join('')).toContain(longName);
    expect(job.lines).toContain(`${' '.repeat(32 - 'HK$1,234.50'.length)}HK$1,234.50`);
    expect(job.qrCodes).toEqual(['ABCDEFGHIJKLMNOPQRST']);
    expect(job.barcodes).toEqual([{ symbology: 'code128', data: '2717880000010' }]);
    expect(job.cuts).toBe(1);
    expect(job.pulses).toEqual([]);
  });
});

describe('sales tax on the receipt', () => {
  const setTax = (mode: 'none' | 'inclusive' | 'exclusive', defaultRateBasisPoints: number) =>
    unwrap(core.dispatch('tax.configure', { settings: { mode, defaultRateBasisPoints } }));

  const wordsOf = (locale: Locale) => ({
    t: (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
      translate(locale, key, params),
    money: (minor: number) => formatMoney(minor, 'HKD', intlLocale(locale)),
  });

  it.each(['en', 'zh-Hant', 'zh-Hans'] as const)(
    '%s, tax added at the till: the tax line before the total, and the refund gives the tax back',
    async (locale) => {
      const charset = locale === 'zh-Hans' ? 'gb18030' : 'big5';
      printer = await startFakePrinter({ charset });
      unwrap(core.dispatch('terminal.setLocale', { locale }));
      configure(networkPrinter(printer.port, { paperWidth: 58, charset }));
      setTax('exclusive', 800);
      const { t, money } = wordsOf(locale);
      const sale = sell(core, { lines: [goods(10_000)], cashReceivedMinor: 20_000 });
      expect(sale.sale.totalMinor).toBe(10_800);

      await print(sale.sale.id);
      const job = await printer.nextJob();
      expect(job.unknown).toEqual([]);
      for (const line of job.lines) expect(widthOf(line)).toBeLessThanOrEqual(32);
      const taxAt = job.lines.findIndex((line) =>
        line.startsWith(t('receipt.taxAtRate', { rate: '8%' })),
      );
      const totalAt = job.lines.findIndex((line) => line.startsWith(t('sale.total')));
      expect(taxAt).toBeGreaterThan(-1);
      expect(taxAt).toBeLessThan(totalAt);
      expect(job.lines[taxAt]?.endsWith(money(800))).toBe(true);
      expect(job.lines[totalAt]?.endsWith(money(10_800))).toBe(true);
      expect(job.lines.some((line) => line.includes(t('sale.includesTax')))).toBe(false);

      // The refund receipt returns the tax with the goods, shown as its other amounts are.
      const returned = refund(core, sale.sale.id);
      expect(returned.sale.taxMinor).toBe(-800);
      await print(returned.sale.id);
      const refundJob = await printer.nextJob();
      expect(refundJob.lines.map((line) => line.trim())).toContain(t('receipt.refundTitle'));
      const refundTax = refundJob.lines.find((line) =>
        line.startsWith(t('receipt.taxAtRate', { rate: '8%' })),
      );
      expect(refundTax?.endsWith(money(800))).toBe(true);
      const refundTotal = refundJob.lines.find((line) => line.startsWith(t('sale.total')));
      expect(refundTotal?.endsWith(money(10_800))).toBe(true);
    },
  );

  it.each(['en', 'zh-Hant', 'zh-Hans'] as const)(
    '%s, prices include tax: the tax inside it after the total, which stays the price',
    async (locale) => {
      const charset = locale === 'zh-Hans' ? 'gb18030' : 'big5';
      printer = await startFakePrinter({ charset });
      unwrap(core.dispatch('terminal.setLocale', { locale }));
      configure(networkPrinter(printer.port, { charset }));
      setTax('inclusive', 825);
      const { t, money } = wordsOf(locale);
      const sale = sell(core, { lines: [goods(10_825)], moneyTender: 'card' });
      expect(sale.sale.totalMinor).toBe(10_825);
      expect(sale.sale.taxMinor).toBe(825);

      await print(sale.sale.id);
      const job = await printer.nextJob();
      for (const line of job.lines) expect(widthOf(line)).toBeLessThanOrEqual(48);
      const totalAt = job.lines.findIndex((line) => line.startsWith(t('sale.total')));
      const includedAt = job.lines.findIndex((line) =>
        line.startsWith(t('receipt.includesTaxAtRate', { rate: '8.25%' })),
      );
      expect(totalAt).toBeGreaterThan(-1);
      expect(includedAt).toBe(totalAt + 1);
      expect(job.lines[includedAt]?.endsWith(money(825))).toBe(true);
      expect(job.lines[totalAt]?.endsWith(money(10_825))).toBe(true);

      // The refund receipt says the same of the money given back.
      const returned = refund(core, sale.sale.id);
      expect(returned.sale.taxMinor).toBe(-825);
      await print(returned.sale.id);
      const refundJob = await printer.nextJob();
      expect(refundJob.lines.map((line) => line.trim())).toContain(t('receipt.refundTitle'));
      const refundTotalAt = refundJob.lines.findIndex((line) => line.startsWith(t('sale.total')));
      const refundIncluded = refundJob.lines[refundTotalAt + 1] ?? '';
      expect(refundIncluded.startsWith(t('receipt.includesTaxAtRate', { rate: '8.25%' }))).toBe(
        true,
      );
      expect(refundIncluded.endsWith(money(825))).toBe(true);
    },
  );

  it('a store without tax prints no tax text at all, as before', async () => {
    printer = await startFakePrinter();
    configure(networkPrinter(printer.port));
    const sale = sell(core, { lines: [goods(10_000)] });
    expect(sale.sale.taxMode).toBe('none');
    await print(sale.sale.id);
    const job = await printer.nextJob();
    const taxWords = [/tax/i, /稅/, /税/];
    for (const line of job.lines) for (const word of taxWords) expect(line).not.toMatch(word);
  });

  it('several rates print one line each, lowest rate first; a zero-rate line prints none', () => {
    const sold = sell(core, { lines: [goods(10_000), goods(20_000), goods(5_000)] });
    const [a, b, c] = sold.sale.lines;
    // Rates as a catalogue with tax classes would give them (head office sends each class's rate).
    const receipt: Receipt = {
      ...sold,
      sale: {
        ...sold.sale,
        taxMode: 'exclusive',
        lines: [
          { ...a!, taxRateBasisPoints: 825, taxMinor: 825 },
          { ...b!, taxRateBasisPoints: 500, taxMinor: 1_000 },
          { ...c!, taxRateBasisPoints: 0, taxMinor: 0 },
        ],
      },
    };
    const blocks = receiptBlocks(
      receipt,
      { locale: 'en', currency: 'HKD', timeZone: 'Asia/Hong_Kong' },
      { logo: false },
    );
    const pairs = blocks.flatMap((block) => (block.kind === 'pair' ? [block.left] : []));
    const taxes = pairs.filter((left) => left.startsWith('Tax'));
    expect(taxes).toEqual(['Tax 5%', 'Tax 8.25%']);
    expect(pairs.indexOf('Tax 8.25%') + 1).toBe(pairs.indexOf('Total'));
  });
});
