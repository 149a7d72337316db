import { z } from 'zod';

/**
 * The one schema for text a person typed: names, line descriptions, notes, reasons and program
 * labels alike. A string that passes prints as the cashier saw it and can be stored and synced
 * anywhere (PostgreSQL refuses NUL and lone surrogates; an invisible right-to-left override makes a
 * name print differently from what was typed). It:
 * - refuses lone UTF-16 surrogates and control, format and line-separator characters; multi-line
 *   text keeps tab and newline (a CR LF becomes LF);
 * - normalises to NFC, so 'é' typed two ways is one string (and one search key);
 * - trims.
 */
const SINGLE_LINE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const MULTI_LINE = /(?![\t\n])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

export interface TextOptions {
  /** Keeps tab and newline. */
  multiline?: boolean;
  /** At least this many characters after trimming (1: required). */
  min?: number;
}

/** Printable ASCII only: no carriage return to turn into a newline, nothing to compose. */
const PRINTABLE_ASCII = /^[ -~]*$/;

/** Normalised as stored: NFC, trimmed, CR LF as LF. Pure; refuses nothing. */
export function normaliseText(raw: string): string {
  // Most cells and fields are plain ASCII: an import reads millions, most of them empty.
  if (PRINTABLE_ASCII.test(raw)) return raw.trim();
  return raw.replace(/\r\n?/g, '\n').normalize('NFC').trim();
}

/** Why `value` is not acceptable text, or null. */
export function textProblem(value: string, multiline = false): string | null {
  const match = (multiline ? MULTI_LINE : SINGLE_LINE).exec(value);
  if (!match) return null;
  const code = match[0].codePointAt(0) ?? 0;
  if (code >= 0xd800 && code <= 0xdfff) return 'must not contain a lone UTF-16 surrogate';
  return 'must not contain control or invisible characters';
}

export function text(max: number, options: TextOptions = {}) {
  const multiline = options.multiline ?? false;
  return z
    .string()
    .max(max * 4)
    .transform(normaliseText)
    .pipe(
      z
        .string()
        .min(options.min ?? 0, { message: 'is required' })
        .max(max)
        .superRefine((value, ctx) => {
          const problem = textProblem(value, multiline);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
    );
}

export function requiredText(max: number, options: Omit<TextOptions, 'min'> = {}) {
  return text(max, { ...options, min: 1 });
}

/** What a cashier types into a search box: invisible characters are dropped, not refused. */
export function searchText(max: number) {
  return z
    .string()
    .max(max * 4)
    .transform((s) =>
      s
        .replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, ' ')
        .normalize('NFC')
        .trim(),
    )
    .pipe(z.string().max(max));
}
