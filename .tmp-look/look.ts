import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../electron/core/core';
import { uuidv7 } from '../shared/ids';
import { reportPdf } from '../electron/core/reports/reportPdf';
import { reportCsv } from '../shared/reports/reportCsv';
import type { Report } from '../shared/reports/report';
import { recordConnectivity } from '../electron/core/sync/connectivityLog';

let t = Date.parse('2030-06-14T09:00:00+08:00');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'look-'));
const core = openCore({ dataDir: dir, now: () => t });
const ok = (r: any) => { if (!r.ok) throw new Error(JSON.stringify(r.error)); return r.value; };
ok(core.dispatch('terminal.setup', { storeName: '銅鑼灣店 Causeway Bay', terminalName: '收銀機 1', currency: 'HKD', timeZone: 'Asia/Hong_Kong', locale: 'zh-Hant', phoneCountry: 'HK', managerName: '陳經理 Mandy', managerPin: '2468' }));
const s = core.dispatch('shift.open', { floatMinor: 50000 });
ok(core.dispatch('report.setDayBoundary', { boundaryMinutes: 240, managerPin: '2468' }));
const amy = ok(core.dispatch('member.enroll', { name: '王小明', phone: '9123 4567', marketingConsent: true }));
recordConnectivity(core.db, false, new Date(t).toISOString(), 'head office answered 503');
for (let i = 0; i < 60; i++) {
  t += 11 * 60_000;
  const sale = ok(core.dispatch('sale.record', { saleId: uuidv7(), memberId: i % 3 === 0 ? amy.id : null, lines: [{ description: '奶茶 Milk tea', quantity: 1 + (i % 3), unitPriceMinor: 2850 + i * 10 }], redeemPoints: 0 }));
  if (i % 17 === 5) ok(core.dispatch('sale.refund', { saleId: sale.sale.id, refundId: uuidv7(), reason: '退貨' }));
  if (i === 20) recordConnectivity(core.db, true, new Date(t).toISOString(), null);
}
const day = '2030-06-14';
const report = ok(core.dispatch('report.z', { businessDay: day })) as Report;
fs.writeFileSync('/tmp/rep.json', JSON.stringify(report));
for (const locale of ['en', 'zh-Hant', 'zh-Hans'] as const) {
  fs.writeFileSync(`/tmp/eod-look-${locale}.pdf`, reportPdf(report, locale, new Date(t).toISOString()));
  fs.writeFileSync(`/tmp/eod-look-${locale}.csv`, reportCsv(report, locale));
}
console.log(JSON.stringify(s.ok ? 'shift ok' : s.error.code));
core.close();
