import fs from 'node:fs';
import { reportPdf } from '../electron/core/reports/reportPdf';
const report = JSON.parse(fs.readFileSync('/tmp/rep.json','utf8'));
for (let i=0;i<3;i++){ const t0=performance.now(); reportPdf(report,'zh-Hant',new Date().toISOString()); console.log('pdf ms', (performance.now()-t0).toFixed(0)); }
