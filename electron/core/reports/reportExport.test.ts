import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReportExport } from '../../../shared/reports/report';
import { CSV_BOM, csvField } from '../../../shared/reports/reportCsv';
import { decimalOf } from '../../../shared/reports/reportTables';
import { uuidv7 } from '../../../shared/ids';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import {
  goods,
  makeClock,
  refund,
  sell,
  trySell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';
import { applyPushResponse } from '../sync/pushOutbox';
import { forgetTerminal } from '../terminal/terminalStore';
import type { PdfJob } from './pdfJob';
import { reportFonts } from './reportFonts';
import { xReport } from './reports';

let core: TestCore;
let clock: TestClock;

beforeEach(() => {
  clock = makeClock('2030-06-14T02:00:00.000Z'); // 10:00 in Hong Kong
  core = openTestCore({ now: clock.now });
  // A cashier whose name needs quoting in CSV.
  const id = uuidv7();
  core.db
    .prepare(`INSERT INTO staff (id, name, role, created_at) VALUES (?, ?, 'cashier', ?)`)
    .run(id, '陳, "大文"', clock.iso());
  core.db.prepare('UPDATE terminal SET current_staff_id = ? WHERE id = 1').run(id);
  forgetTerminal(core.db);
  sell(core, { lines: [goods(12_345)] });
  clock.set('2030-06-14T03:30:00.000Z');
  sell(core, { lines: [goods(5)] });
  applyPushResponse(
    core.db,
    {
      highWaterMark: 1,
      outcomes: [
        {
          seq: 1,
          opId: uuidv7(),
          outcome: 'compensated',
          duplicate: false,
          compensation: {
            kind: 'coupon_already_redeemed',
            exceptionId: null,
            message: '=HYPERLINK("http://x")\nsecond line',
          },
        },
      ],
      gapExpectedSeq: null,
      serverTime: clock.iso(),
    },
    clock.iso(),
  );
});
afterEach(() => core.cleanup());

async function exported(
  format: 'csv' | 'pdf',
  locale: 'en' | 'zh-Hant' | 'zh-Hans',
): Promise<ReportExport> {
  return unwrap(
    await core.dispatchAsync('report.export', {
      report: { kind: 'z', businessDay: '2030-06-14' },
      format,
      locale,
      managerPin: MANAGER_PIN,
    }),
  ) as ReportExport;
}

describe('CSV export', () => {
  it('is UTF-8 with a BOM, CRLF lines, RFC 4180 quoting and exact decimal amounts', async () => {
    const file = await exported('csv', 'zh-Hant');
    expect(file.fileName).toBe('z-report-2030-06-14.csv');
    expect(file.mimeType).toBe('text/csv');
    const bytes = Buffer.from(file.base64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('銷售,2,123.50\r\n');
    expect(text).toContain('淨銷售額（貨品）,,123.50\r\n');
    // The cashier's name: comma and quotes quoted, quotes doubled.
    expect(text).toContain('"陳, ""大文"""');
    // A message that a spreadsheet would run as a formula is defused and quoted (it has a newline).
    expect(text).toContain(`"'=HYPERLINK(""http://x"")\nsecond line"`);
    expect(text).toContain('優惠券重複使用');
    // A store without tax: nothing about tax.
    expect(text).not.toContain('稅');
  });

  it('csvField quotes only what needs it; decimals come from minor units exactly', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    expect(decimalOf(5, 'HKD')).toBe('0.05');
    expect(decimalOf(-123_456, 'HKD')).toBe('-1234.56');
    expect(decimalOf(9_007_199_254_740_991, 'HKD')).toBe('90071992547409.91');
  });
});

describe('tax in the exports', () => {
  /** 2 × 20.00 at 8.25 % inside the price (3.05 of tax), then one of the two returned (1.52). */
  function taxedSaleAndRefund(): void {
    clock.set('2030-06-14T04:00:00.000Z');
    unwrap(
      core.dispatch('tax.configure', {
        settings: { mode: 'inclusive', defaultRateBasisPoints: 825 },
        managerPin: MANAGER_PIN,
      }),
    );
    const sale = sell(core, { lines: [goods(2000, { quantity: 2 })] });
    expect(sale.sale.taxMinor).toBe(305);
    clock.set('2030-06-14T05:00:00.000Z');
    refund(core, sale.sale.id, [{ lineNo: 1, quantity: 1 }]);
  }

  it('the CSV has the day’s tax by rate and its total, and a tax column by cashier and hour', async () => {
    taxedSaleAndRefund();
    const en = Buffer.from((await exported('csv', 'en')).base64, 'base64').toString('utf8');
    expect(en).toContain(
      'Sales tax\r\nItem,Rate,Amount\r\nTax included in prices,8.25%,1.53\r\n' +
        '"Tax on sales, less tax refunded",,1.53\r\n',
    );
    // By hour: 10:00 and 11:30 without tax, 12:00 took 3.05, 13:00 gave 1.52 back.
    const byHour = en.slice(en.indexOf('Sales by hour'), en.indexOf('Loyalty by hour'));
    expect(byHour).toContain(',Tax,');
    expect(byHour).toMatch(/\r\n12:00,1,40\.00,0,0\.00,0\.00,40\.00,3\.05,/);
    expect(byHour).toMatch(/\r\n13:00,0,0\.00,1,20\.00,0\.00,-20\.00,-1\.52,/);
    const hans = Buffer.from((await exported('csv', 'zh-Hans')).base64, 'base64').toString('utf8');
    expect(hans).toContain('销售税\r\n');
    expect(hans).toContain('价格已含税,8.25%,1.53\r\n');
    const hant = Buffer.from((await exported('csv', 'zh-Hant')).base64, 'base64').toString('utf8');
    expect(hant).toContain('價格已含稅,8.25%,1.53\r\n');
  });

  it('the PDF lays out a taxed day', async () => {
    taxedSaleAndRefund();
    const file = await exported('pdf', 'zh-Hant');
    expect(Buffer.from(file.base64, 'base64').toString('latin1')).toMatch(/^%PDF-/);
  }, 60_000);
});

describe('PDF export', () => {
  it.each(['en', 'zh-Hant'] as const)(
    'is a real A4 PDF with pages and an embedded font (%s)',
    async (locale) => {
      const file = await exported('pdf', locale);
      expect(file.fileName).toBe('z-report-2030-06-14.pdf');
      expect(file.mimeType).toBe('application/pdf');
      const bytes = Buffer.from(file.base64, 'base64');
      const raw = bytes.toString('latin1');
      expect(raw.startsWith('%PDF-')).toBe(true);
      expect(raw.trimEnd().endsWith('%%EOF')).toBe(true);
      const pages = raw.match(/\/Type \/Page\b/g)?.length ?? 0;
      expect(pages).toBeGreaterThanOrEqual(2);
      expect(raw).toMatch(new RegExp(`/Count ${pages}\\b`));
      expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
      const fonts = reportFonts(locale);
      if (fonts.regular?.face) expect(raw).toContain(fonts.regular.face);
      else expect(raw).toContain('/Helvetica');
    },
    60_000,
  );

  it('is laid out off the core’s thread: the event loop keeps turning and a sale goes through', async () => {
    let turns = 0;
    let turning = true;
    const turn = () => {
      turns += 1;
      if (turning) setImmediate(turn);
    };
    setImmediate(turn);
    const pending = exported('pdf', 'zh-Hant');
    // Laid out on this thread, the export would hold the loop until it is done: no turn between.
    await new Promise((resolve) => setImmediate(resolve));
    const sale = trySell(core, { lines: [goods(500)] });
    const turnsBeforePdf = turns;
    const file = await pending;
    turning = false;
    expect(sale.ok ? 'ok' : sale.error.code).toBe('ok');
    expect(turnsBeforePdf).toBeGreaterThan(0);
    expect(turns).toBeGreaterThan(turnsBeforePdf + 10);
    expect(Buffer.from(file.base64, 'base64').toString('latin1')).toMatch(/^%PDF-/);
  }, 60_000);

  it('is read off the core’s thread too: the core posts which report to read, not the report', async () => {
    // A busy day: the report grows with it; the request the core posts to the thread does not.
    core.db.transaction(() => {
      for (let i = 0; i < 1500; i++) sell(core, { lines: [goods(100 + i), goods(250)] });
    })();
    const spy = vi.spyOn(Worker.prototype, 'postMessage');
    const file = unwrap(
      await core.dispatchAsync('report.export', {
        report: { kind: 'x' },
        format: 'pdf',
        locale: 'en',
        managerPin: MANAGER_PIN,
      }),
    ) as ReportExport;
    const jobs = spy.mock.calls.map(([message]) => message as PdfJob);
    spy.mockRestore();
    expect(file.fileName).toBe('x-report-2030-06-14.pdf');
    expect(Buffer.from(file.base64, 'base64').toString('latin1')).toMatch(/^%PDF-/);
    expect(jobs).toHaveLength(1);
    const job = jobs[0]!;
    expect('report' in job).toBe(false);
    expect('read' in job && job.read.report).toEqual({ kind: 'x' });
    // What crosses to the thread is the request, a fraction of the report it names.
    const request = JSON.stringify({
      ...job,
      read: { ...('read' in job ? job.read : {}), ledger: null },
    });
    expect(request.length * 20).toBeLessThan(JSON.stringify(xReport(core.ctx)).length);
  }, 120_000);

  it('says why a report cannot be read, from the thread as from here', async () => {
    const result = await core.dispatchAsync('report.export', {
      report: { kind: 'z', businessDay: '2031-01-01' },
      format: 'pdf',
      locale: 'en',
      managerPin: MANAGER_PIN,
    });
    expect(result.ok ? 'ok' : result.error.code).toBe('report_day_not_started');
  }, 60_000);

  it('refuses a closed terminal’s export with an error, not a hang', async () => {
    const pending = core.dispatchAsync('report.export', {
      report: { kind: 'x' },
      format: 'pdf',
      locale: 'en',
      managerPin: MANAGER_PIN,
    });
    await core.ctx.pdf.close();
    const result = await pending;
    expect(result.ok ? 'ok' : result.error.code).toBe('internal');
  });
});
