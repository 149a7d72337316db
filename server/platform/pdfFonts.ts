import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Locale } from '../../shared/locale';
import { createLogger } from './logger';

/**
 * The font head office's PDFs draw Chinese with (the member export, the voice dashboard): found
 * once per language and kept.
 */
const log = createLogger('pdf-fonts');

interface FontFace {
  path: string;
  face: string;
}

/**
 * Noto Sans CJK where Debian, Fedora and Arch keep it, the face for the reader's script first
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
  if (!found) log.warn('no font that draws Chinese was found; PDFs use a Latin font');
  fonts.set(locale, found);
  return found;
}
