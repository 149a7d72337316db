import PDFDocument from 'pdfkit';
import { translate, type MessageKey } from '../../shared/i18n';
import type { MemberExport } from '../../shared/office/dataRequests';
import { cjkFont } from '../platform/pdfFonts';

/** A value as one line of text: nested values as compact JSON. */
function textOf(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * The export as a PDF in the member's language: a title, then each section with its rows, one
 * "field: value" line each. The same data as the JSON; a new section appears here by itself.
 */
export function memberExportPdf(data: MemberExport, cardNumber: string): Promise<Buffer> {
  const locale = data.language;
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const doc = new PDFDocument({ size: 'A4', margin: 48, bufferPages: true });
  const font = cjkFont(locale);
  if (font) doc.registerFont('body', font.bytes, font.face.face);
  doc.font(font ? 'body' : 'Helvetica');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fontSize(18).text(t('privacy.export.title'));
  doc.moveDown(0.5);
  doc
    .fontSize(9)
    .text(t('privacy.export.intro', { card: cardNumber, date: data.exportedAt.slice(0, 10) }));
  for (const section of data.sections) {
    doc.moveDown(1);
    const title = `privacy.section.${section.name}`;
    const heading = title in translationKeys ? t(title as MessageKey) : section.name;
    doc.fontSize(13).text(heading);
    doc
      .fontSize(8)
      .fillColor('#57606a')
      .text(t('privacy.export.rows', { count: section.rows.length }));
    doc.fillColor('#1f2328');
    for (const row of section.rows) {
      doc.moveDown(0.3);
      for (const [field, value] of Object.entries(row)) {
        doc.fontSize(8.5).text(`${field}: ${textOf(value)}`, { width: 500 });
      }
    }
  }
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Below the bottom margin, where pdfkit would otherwise start a new page.
    doc.page.margins.bottom = 0;
    doc
      .fontSize(7)
      .fillColor('#57606a')
      .text(
        t('privacy.export.page', { page: i + 1, pages: range.count }),
        48,
        doc.page.height - 36,
        {
          lineBreak: false,
        },
      );
  }
  doc.end();
  return done;
}

/** The section titles the catalogs know (a section added without one shows its own name). */
const translationKeys: Record<string, true> = Object.fromEntries(
  [
    'profile',
    'consentHistory',
    'consentNow',
    'sales',
    'pointsLedger',
    'pointsBalance',
    'coupons',
    'giftCards',
    'referrals',
    'dataRequests',
  ].map((name) => [`privacy.section.${name}`, true]),
);
