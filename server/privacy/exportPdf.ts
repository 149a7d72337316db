import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { translate, type MessageKey } from '../../shared/i18n';
import type { Locale } from '../../shared/locale';
import type { MemberExport } from '../../shared/office/dataRequests';
import { createLogger } from '../platform/logger';

const log = createLogger('export-pdf');

interface FontFace {
  path: string;
  face: string;
}

/**
 * Noto Sans CJK where Debian, Fedora and Arch keep it, the face for the member's script first
 * (the terminal's reports look in the same places: electron/core/reports/reportFonts.ts).
 */
function candidates(locale: Locale): FontFace[] {
  const faces = locale === 'zh-Hans' ? ['sc', 'tc', 'hk'] : ['tc', 'hk', 'sc'];
  const dirs = [
    '/usr/share/fonts/opentype/noto',
    '/usr/share/fonts/noto-cjk',
    '/usr/share/fonts/google-noto-cjk',
    '/usr/share/fonts/truetype/noto',
  ];
  return dirs.flatMap((dir) =>
    faces.map((f) => ({ path: `${dir}/NotoSansCJK-Regular.ttc`, face: `NotoSansCJK${f}-Regular` })),
  );
}

const fonts = new Map<Locale, { face: FontFace; bytes: Buffer } | null>();

export function cjkFont(locale: Locale): { face: FontFace; bytes: Buffer } | null {
  if (fonts.has(locale)) return fonts.get(locale) ?? null;
  let found: { face: FontFace; bytes: Buffer } | null = null;
  for (const face of candidates(locale)) {
    if (!existsSync(face.path)) continue;
    try {
      const bytes = readFileSync(face.path);
      const probe = new PDFDocument({ autoFirstPage: false });
      probe.registerFont('probe', bytes, face.face);
      probe.font('probe');
      found = { face, bytes };
      break;
    } catch {
      // A collection without this face: try the next.
    }
  }
  if (!found) log.warn('no font that draws Chinese was found; the export PDF uses a Latin font');
  fonts.set(locale, found);
  return found;
}

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
