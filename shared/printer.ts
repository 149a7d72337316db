/**
 * The receipt printer and cash drawer as the settings screen and the sale screen see them. The
 * core renders ESC/POS (electron/core/printer); the renderer only chooses and shows.
 */

/** How receipts reach paper: the OS print dialog (the fallback), a network printer, an OS queue. */
export const printerTransports = ['dialog', 'network', 'queue'] as const;
export type PrinterTransport = (typeof printerTransports)[number];

/** 58 mm paper prints 32 columns of Font A, 80 mm prints 48. */
export const paperWidths = [58, 80] as const;
export type PaperWidth = (typeof paperWidths)[number];

export const columnsOfPaper: Record<PaperWidth, number> = { 58: 32, 80: 48 };

/** The printer's double-byte character set: Big5 (traditional) or GB18030 (simplified) firmware. */
export const printerCharsets = ['big5', 'gb18030'] as const;
export type PrinterCharset = (typeof printerCharsets)[number];

/** The store's logo as a 1-bit raster: rows of `width` dots, MSB first, 1 = black. */
export interface PrinterLogo {
  width: number;
  height: number;
  /** Base64 of ceil(width / 8) * height bytes. */
  bits: string;
}

/** The widest logo that fits both papers: 58 mm prints 384 dots a line (80 mm, 576). */
export const MAX_LOGO_WIDTH = 384;
export const MAX_LOGO_HEIGHT = 240;

export interface PrinterSettings {
  transport: PrinterTransport;
  /** For `network`: the printer's address and raw port (9100 on nearly every model). */
  host: string | null;
  port: number;
  /** For `queue`: the CUPS queue name, printed to with `lp -o raw`. */
  queue: string | null;
  paperWidth: PaperWidth;
  charset: PrinterCharset;
  /** Pulse the drawer on cash sales (and allow "no sale"). */
  drawer: boolean;
  logo: PrinterLogo | null;
}

export const DEFAULT_PRINTER_PORT = 9100;

/**
 * What a print did, as the cashier needs to know it:
 * - `printed`: sent, and the printer said it was ready;
 * - `unknown`: sent to a printer that does not answer status (most likely printed);
 * - `queued`: handed to the OS queue;
 * - `paper_out`: the printer reports no paper: nothing was printed (the drawer still opens);
 * - `offline`: the printer did not take the job (unreachable, cover open, queue refused it);
 * - `dialog`: no printer is set up here: the OS print dialog prints it.
 */
export type PrintStatus = 'printed' | 'unknown' | 'queued' | 'paper_out' | 'offline' | 'dialog';

export interface PrintOutcome {
  status: PrintStatus;
  /** Whether the drawer pulse was sent. */
  drawerOpened: boolean;
}
