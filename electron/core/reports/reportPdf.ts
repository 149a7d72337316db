import PDFDocument from 'pdfkit';
import { translate } from '../../../shared/i18n';
import { intlLocale, type Locale } from '../../../shared/locale';
import { minorExponent } from '../../../shared/money';
import type { Report } from '../../../shared/reports/report';
import {
  decimalOf,
  readableCell,
  reportHeading,
  reportTables,
  shopClock,
  type Cell,
  type ReportTable,
} from '../../../shared/reports/reportTables';
import { fontBytes, reportFonts } from './reportFonts';

/**
 * The report as an A4 PDF laid out for reading and printing: a title block, then each section
 * as a table with a shaded header (repeated when a table runs onto the next page), numbers
 * right-aligned, and on every page a running head and a footer with the print time and
 * "page n of m". Chinese renders with a CJK font embedded from the OS; without one, the PDF
 * says so on every page and uses a Latin font.
 */
const MARGIN = 42;
const HEAD_Y = 24;
const FOOT_GAP = 28;
const BODY_SIZE = 8.5;
const HEADER_SIZE = 7.5;
const CELL_PAD = 3;
const INK = '#1f2328';
const MUTED = '#57606a';
const RULE = '#d0d7de';
const SHADE = '#eef1f4';
const STRIPE = '#f8f9fa';

export function reportPdf(report: Report, locale: Locale, printedAtIso: string): Buffer {
  const fonts = reportFonts(locale);
  const doc = new PDFDocument({
    size: 'A4',
    bufferPages: true,
    margins: { top: MARGIN + 14, bottom: MARGIN + 10, left: MARGIN, right: MARGIN },
    info: {
      Title: reportHeading(report, locale).title,
      Author: report.storeName,
      Subject: `${report.storeName} ${report.businessDay}`,
    },
  });
  let regular = 'Helvetica';
  let bold = 'Helvetica-Bold';
  if (fonts.regular) {
    doc.registerFont('report', fontBytes(fonts.regular), fonts.regular.face);
    regular = 'report';
    bold = 'report';
    if (fonts.bold) {
      doc.registerFont('report-bold', fontBytes(fonts.bold), fonts.bold.face);
      bold = 'report-bold';
    }
  }
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const tag = intlLocale(locale);
  const numbers = new Intl.NumberFormat(tag, { maximumFractionDigits: 0 });
  const exp = minorExponent(report.currency);
  const amounts = new Intl.NumberFormat(tag, {
    minimumFractionDigits: exp,
    maximumFractionDigits: exp,
  });

  const show = (cell: Cell): string =>
    readableCell(cell, report.timeZone, {
      count: (value) => numbers.format(value),
      points: (value) => numbers.format(value),
      // Exact: Intl formats the decimal string, no float in between.
      money: (minor) => amounts.format(decimalOf(minor, report.currency) as unknown as number),
    });

  const width = doc.page.width - MARGIN * 2;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const heading = reportHeading(report, locale);

  // Title block.
  doc.fillColor(INK).font(bold).fontSize(16).text(heading.title, MARGIN, MARGIN);
  doc.moveDown(0.2);
  doc.font(regular).fontSize(9).fillColor(MUTED);
  for (const line of heading.lines) doc.text(line, { width });
  doc.moveDown(0.6);

  const drawTable = (table: ReportTable) => {
    const first = table.columns.length > 3 ? 0.16 : 0.5;
    const firstWidth = Math.round(width * first);
    const rest = (width - firstWidth) / Math.max(1, table.columns.length - 1);
    const widths = table.widths
      ? table.widths.map((share) => width * share)
      : table.columns.map((_, i) => (i === 0 ? firstWidth : rest));
    const xs = widths.map((_, i) => MARGIN + widths.slice(0, i).reduce((s, w) => s + w, 0));
    // Short tables read better as label and value with the numbers near their labels.
    const numericColumn = (i: number) =>
      i > 0 && table.rows.some((row) => row[i] && row[i]?.t !== 'text' && row[i]?.t !== 'time');

    const headerHeight = () => {
      doc.font(bold).fontSize(HEADER_SIZE);
      return (
        Math.max(
          ...table.columns.map((c, i) =>
            doc.heightOfString(c, { width: (widths[i] ?? 0) - 2 * CELL_PAD }),
          ),
        ) +
        2 * CELL_PAD
      );
    };
    const drawHeader = () => {
      const h = headerHeight();
      const y = doc.y;
      doc.rect(MARGIN, y, width, h).fill(SHADE);
      doc.fillColor(INK).font(bold).fontSize(HEADER_SIZE);
      table.columns.forEach((c, i) => {
        doc.text(c, (xs[i] ?? 0) + CELL_PAD, y + CELL_PAD, {
          width: (widths[i] ?? 0) - 2 * CELL_PAD,
          align: numericColumn(i) ? 'right' : 'left',
        });
      });
      doc.y = y + h;
    };
    const rowHeight = (row: Cell[]) => {
      doc.font(regular).fontSize(BODY_SIZE);
      return (
        Math.max(
          ...row.map((cell, i) =>
            doc.heightOfString(show(cell) || ' ', { width: (widths[i] ?? 0) - 2 * CELL_PAD }),
          ),
        ) +
        2 * CELL_PAD
      );
    };

    // Keep the title with the header and at least one row.
    const firstRow = table.rows[0];
    const needed = 22 + headerHeight() + (firstRow ? rowHeight(firstRow) : 16);
    if (doc.y + needed > bottom()) doc.addPage();
    doc.fillColor(INK).font(bold).fontSize(11).text(table.title, MARGIN, doc.y, { width });
    doc.moveDown(0.25);
    drawHeader();
    if (table.rows.length === 0) {
      doc.fillColor(MUTED).font(regular).fontSize(BODY_SIZE);
      doc.text(table.empty ?? '', MARGIN + CELL_PAD, doc.y + CELL_PAD, { width });
      doc.y += CELL_PAD;
    }
    table.rows.forEach((row, r) => {
      const h = rowHeight(row);
      if (doc.y + h > bottom()) {
        doc.addPage();
        doc.fillColor(MUTED).font(bold).fontSize(9).text(`${table.title} …`, MARGIN, doc.y);
        doc.moveDown(0.2);
        drawHeader();
      }
      const y = doc.y;
      if (r % 2 === 1) doc.rect(MARGIN, y, width, h).fill(STRIPE);
      doc.fillColor(INK).font(regular).fontSize(BODY_SIZE);
      row.forEach((cell, i) => {
        doc.text(show(cell), (xs[i] ?? 0) + CELL_PAD, y + CELL_PAD, {
          width: (widths[i] ?? 0) - 2 * CELL_PAD,
          align: numericColumn(i) ? 'right' : 'left',
        });
      });
      doc
        .moveTo(MARGIN, y + h)
        .lineTo(MARGIN + width, y + h)
        .lineWidth(0.4)
        .strokeColor(RULE)
        .stroke();
      doc.y = y + h;
    });
    doc.x = MARGIN;
    doc.moveDown(1.1);
  };

  for (const table of reportTables(report, locale)) drawTable(table);

  // Running head and footer on every page, now that the page count is known.
  const range = doc.bufferedPageRange();
  const printed = t('report.pdf.printedAt', {
    at: shopClock(printedAtIso, report.timeZone),
    zone: report.timeZone,
  });
  const running = `${heading.title} · ${report.storeName} · ${report.businessDay}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing in the margins must not move the cursor onto a new page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font(regular).fontSize(7.5).fillColor(MUTED);
    if (i > range.start) doc.text(running, MARGIN, HEAD_Y, { width, lineBreak: false });
    const footY = doc.page.height - FOOT_GAP;
    doc.text(printed, MARGIN, footY, { width: width / 2, lineBreak: false });
    doc.text(
      t('report.pdf.page', { page: i - range.start + 1, pages: range.count }),
      MARGIN + width / 2,
      footY,
      { width: width / 2, align: 'right', lineBreak: false },
    );
    if (!fonts.regular) {
      // In English: without a CJK font no Chinese sentence could be read.
      doc.text(translate('en', 'report.pdf.noCjkFont'), MARGIN, footY - 11, {
        width,
        lineBreak: false,
      });
    }
    doc.page.margins.bottom = bottomMargin;
  }

  doc.end();
  // pdfkit streams; everything is buffered by now, so read it out synchronously.
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null)
    chunks.push(chunk);
  return Buffer.concat(chunks);
}
