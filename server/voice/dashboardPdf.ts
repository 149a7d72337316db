import PDFDocument from 'pdfkit';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import { intlLocale, type Locale } from '../../shared/locale';
import type { VoiceDashboard } from '../../shared/office/voice';
import { roundedFigure, voiceFigureKeys, voiceFigures } from '../../shared/office/voiceFigures';
import { cjkFont } from '../privacy/exportPdf';

/**
 * The dashboard as a PDF in the reader's language: the same figures as the CSV
 * (shared/office/voiceFigures.ts) with their labels, then top reasons, service recovery and
 * cashiers. Chinese is drawn with the Noto CJK face the member export finds.
 */
export function voiceDashboardPdf(d: VoiceDashboard, locale: Locale): Promise<Buffer> {
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const number = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 });
  const money = new Intl.NumberFormat(intlLocale(locale), {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const doc = new PDFDocument({ size: 'A4', margin: 48 });
  const font = cjkFont(locale);
  if (font) doc.registerFont('body', font.bytes, font.face.face);
  doc.font(font ? 'body' : 'Helvetica');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fontSize(18).text(t('office.voice.title'));
  doc.fontSize(10).text(t('office.voice.period', { from: d.from, to: d.to }));
  doc.moveDown(1);
  for (const key of voiceFigureKeys) {
    const value = roundedFigure(key, voiceFigures[key].read(d));
    const shown =
      value === null
        ? '—'
        : voiceFigures[key].kind === 'money'
          ? money.format(value / 100)
          : number.format(value);
    doc.fontSize(10).text(`${t(`office.voice.figure.${key}`)}: ${shown}`);
  }
  doc.moveDown(1);
  doc.fontSize(13).text(t('office.voice.topReasons'));
  for (const r of d.topReasons) {
    doc.fontSize(10).text(`${t(`feedback.reason.${r.tag}`)}: ${number.format(r.count)}`);
  }
  doc.moveDown(1);
  doc.fontSize(13).text(t('office.voice.recovery'));
  for (const g of d.recovery) {
    const rate = g.ratePercent === null ? '—' : `${number.format(g.ratePercent)}%`;
    doc
      .fontSize(10)
      .text(
        `${t(`office.voice.recovery.${g.group}`)}: ${rate} · ${t('office.voice.recovery.counts', { repurchased: g.repurchased, members: g.members })}`,
      );
  }
  doc.moveDown(1);
  doc.fontSize(13).text(t('office.voice.cashiers'));
  for (const c of d.cashiers) {
    const who = c.staffId ?? t('office.voice.cashier.unknown');
    const figures = c.shown
      ? `NPS ${c.nps === null ? '—' : number.format(c.nps)} · CSAT ${c.csatPercent === null ? '—' : `${number.format(c.csatPercent)}%`}`
      : t('office.voice.cashier.tooFew', { count: c.responses });
    doc.fontSize(9).text(`${who}: ${figures}`);
  }
  doc.end();
  return done;
}
