import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../../shared/locale';
import { createLogger } from '../../../shared/logger';

const log = createLogger('report-fonts');

/** A font file and, for a collection (.ttc), the PostScript name of the face to use. */
export interface FontFace {
  path: string;
  face?: string;
}

export interface ReportFonts {
  regular: FontFace | null;
  bold: FontFace | null;
}

/**
 * Where the OS keeps a font that draws Chinese: Noto Sans CJK on Linux, Microsoft JhengHei or
 * YaHei on Windows, PingFang on macOS. In each, the face for the report's script comes first.
 */
function candidates(locale: Locale, weight: 'Regular' | 'Bold'): FontFace[] {
  const simplified = locale === 'zh-Hans';
  const noto = (dir: string): FontFace[] => {
    const file = `${dir}/NotoSansCJK-${weight}.ttc`;
    const faces = simplified ? ['sc', 'tc', 'hk'] : ['tc', 'hk', 'sc'];
    return faces.map((f) => ({ path: file, face: `NotoSansCJK${f}-${weight}` }));
  };
  const windows = process.env.WINDIR ?? 'C:\\Windows';
  const jhengHei = `${windows}\\Fonts\\${weight === 'Bold' ? 'msjhbd' : 'msjh'}.ttc`;
  const yaHei = `${windows}\\Fonts\\${weight === 'Bold' ? 'msyhbd' : 'msyh'}.ttc`;
  const msFaces = (file: string, names: string[]) => names.map((face) => ({ path: file, face }));
  const ms = simplified
    ? [
        ...msFaces(yaHei, ['MicrosoftYaHei', 'MicrosoftYaHei-Bold']),
        ...msFaces(jhengHei, ['MicrosoftJhengHeiRegular', 'MicrosoftJhengHeiBold']),
      ]
    : [
        ...msFaces(jhengHei, ['MicrosoftJhengHeiRegular', 'MicrosoftJhengHeiBold']),
        ...msFaces(yaHei, ['MicrosoftYaHei', 'MicrosoftYaHei-Bold']),
      ];
  const pingFang = (simplified ? ['SC', 'TC', 'HK'] : ['TC', 'HK', 'SC']).map((s) => ({
    path: '/System/Library/Fonts/PingFang.ttc',
    face: `PingFang${s}-${weight === 'Bold' ? 'Semibold' : 'Regular'}`,
  }));
  return [
    ...noto('/usr/share/fonts/opentype/noto'),
    ...noto('/usr/share/fonts/noto-cjk'),
    ...noto('/usr/share/fonts/google-noto-cjk'),
    ...noto('/usr/share/fonts/truetype/noto'),
    ...ms,
    ...pingFang,
    { path: '/System/Library/Fonts/Supplemental/Arial Unicode.ttf' },
    { path: '/Library/Fonts/Arial Unicode.ttf' },
  ];
}

/** True when pdfkit can load this face (a wrong face name in a collection fails here). */
function loads(font: FontFace): boolean {
  if (!existsSync(font.path)) return false;
  try {
    const probe = new PDFDocument({ autoFirstPage: false });
    probe.registerFont('probe', fontBytes(font), font.face);
    probe.font('probe');
    return true;
  } catch {
    return false;
  }
}

const found = new Map<string, ReportFonts>();
const files = new Map<string, Buffer>();

/** The font file's bytes, read once per process: CJK collections are tens of megabytes. */
export function fontBytes(font: FontFace): Buffer {
  let bytes = files.get(font.path);
  if (!bytes) {
    bytes = readFileSync(font.path);
    files.set(font.path, bytes);
  }
  return bytes;
}

/** The CJK fonts for a report in this language, or nulls when the machine has none. */
export function reportFonts(locale: Locale): ReportFonts {
  const cached = found.get(locale);
  if (cached) return cached;
  const regular = candidates(locale, 'Regular').find(loads) ?? null;
  const bold = candidates(locale, 'Bold').find(loads) ?? null;
  if (!regular) log.warn('no font that draws Chinese was found; PDF reports use a Latin font');
  const fonts = { regular, bold: bold ?? regular };
  found.set(locale, fonts);
  return fonts;
}
