import { z } from 'zod';
import { ean13CheckDigit, isCardNumber } from './card';
import { normaliseCode, type CodeKind } from './rules/codes';
import type { Locale } from './locale';
import { taxRate } from './rules/tax';

/**
 * The product catalogue head office keeps (issue 16 §2): items with a SKU, their barcodes, names
 * in the three languages, a category, a price (and per-store prices), a tax class and an active
 * flag. Terminals hold a copy from the products stream; the sale line a scan adds carries the
 * item's SKU and category code, which the program's earn rules and coupons match.
 *
 * An item's loyalty flags (its multiplier, or excluded from earning) are the program's earn rule
 * for its SKU or category: kept once, in the program, so a terminal and head office price a
 * basket from the same rules (shared/rules/checkout.ts). The catalogue pages edit them there.
 */

/** A SKU or category code: letters, digits and - _ . / as printed on shelf labels. */
export const CATALOGUE_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/;
export const catalogueCode = z.string().trim().regex(CATALOGUE_CODE, {
  message: 'must be 1 to 40 letters, digits, and - _ . /',
});

/** What a scanner reads: an EAN-13, a UPC-A (12 digits), or a Code 128 text. */
export type BarcodeKind = 'ean13' | 'upca' | 'code128';

/** Spaces and dashes (any Unicode dash) a person types between a number's groups. */
const SEPARATORS = /[\s\u2010-\u2015\u2212-]/g;

function upcCheckDigit(first11: string): number {
  // A UPC-A is an EAN-13 with a leading 0.
  return ean13CheckDigit(`0${first11}`);
}

/**
 * A barcode as head office stores it and a terminal looks it up: digits run together for EAN-13
 * and UPC-A (spaces and dashes dropped, the check digit checked), Code 128 text as printed.
 * Null when it is none of these: a 12- or 13-digit number with a wrong check digit, or text
 * outside Code 128's printable ASCII.
 */
export function normaliseBarcode(text: string): { code: string; kind: BarcodeKind } | null {
  const trimmed = text.trim();
  const digits = trimmed.replace(SEPARATORS, '');
  if (/^\d{13}$/.test(digits)) {
    return ean13CheckDigit(digits.slice(0, 12)) === digits.charCodeAt(12) - 48
      ? { code: digits, kind: 'ean13' }
      : null;
  }
  if (/^\d{12}$/.test(digits)) {
    return upcCheckDigit(digits.slice(0, 11)) === digits.charCodeAt(11) - 48
      ? { code: digits, kind: 'upca' }
      : null;
  }
  if (trimmed.length >= 1 && trimmed.length <= 48 && /^[\x20-\x7e]+$/.test(trimmed)) {
    return { code: trimmed, kind: 'code128' };
  }
  return null;
}

export const barcode = z
  .string()
  .max(60)
  .transform((text, ctx) => {
    const found = normaliseBarcode(text);
    if (!found) {
      ctx.addIssue({
        code: 'custom',
        message: 'must be an EAN-13 or UPC-A with a good check digit, or Code 128 text',
      });
      return z.NEVER;
    }
    return found.code;
  });

/**
 * What a scanner read, told apart in this one place: a member card is 13 digits starting with
 * "2" (GS1's in-store range) with a good EAN-13 check digit (shared/card.ts); anything else a
 * scanner can read is an item's barcode. A card number that finds no member is tried as an item
 * next, since in-store numbering also labels goods.
 */
export type ScannedCode =
  { kind: 'card'; card: string } | { kind: 'item'; code: string; barcode: BarcodeKind };

const ownCodes: CodeKind[] = ['coupon', 'giftCard', 'referral'];

/**
 * Null when `text` is none of these, and for the program's own coupon, gift-card and referral
 * codes (PPXX-XXXX-XXXC with a good check character): those belong to the field they are typed
 * or scanned into, never to the catalogue.
 */
export function scannedCode(text: string): ScannedCode | null {
  if (isCardNumber(text)) return { kind: 'card', card: text };
  if (ownCodes.some((kind) => normaliseCode(text, kind) !== null)) return null;
  const found = normaliseBarcode(text);
  return found ? { kind: 'item', code: found.code, barcode: found.kind } : null;
}

/**
 * Whether a checked number (a card, an EAN-13, a UPC-A) is trusted on its check digit alone:
 * Code 128 text carries none a keyboard scan keeps, so the scanner's speed must tell it apart.
 */
export const hasCheckDigit = (scanned: ScannedCode): boolean =>
  scanned.kind === 'card' || scanned.barcode !== 'code128';

const itemName = z.string().trim().max(80);

/** An item's names: English is required; a Chinese name left empty falls back (itemNameIn). */
export const itemNames = z.strictObject({
  en: itemName.min(1),
  'zh-Hant': itemName,
  'zh-Hans': itemName,
});
export type ItemNames = z.infer<typeof itemNames>;

/** The name a reader sees: their language's, else traditional or simplified Chinese, else English. */
export function itemNameIn(names: ItemNames, locale: Locale): string {
  const order: Locale[] =
    locale === 'en'
      ? ['en', 'zh-Hant', 'zh-Hans']
      : locale === 'zh-Hant'
        ? ['zh-Hant', 'zh-Hans', 'en']
        : ['zh-Hans', 'zh-Hant', 'en'];
  for (const language of order) if (names[language] !== '') return names[language];
  return names.en;
}

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
const priceMinor = z.number().int().min(0).max(100_000_000);

/**
 * An item of the products stream, as the pulling terminal's store sells it: `priceMinor` is the
 * store's own price where head office set one, else the list price. A terminal keeps the latest
 * item per `itemId`; an inactive item stays findable for refunds and reports but is not sold.
 */
export const pulledProduct = z.strictObject({
  itemId: uuid,
  sku: z.string().min(1).max(40),
  barcodes: z.array(z.string().min(1).max(48)).max(20),
  names: z.strictObject({
    en: z.string().max(80),
    'zh-Hant': z.string().max(80),
    'zh-Hans': z.string().max(80),
  }),
  /** The category's code (what earn rules and coupons match), and its names. */
  category: z
    .strictObject({
      code: z.string().min(1).max(40),
      names: z.strictObject({
        en: z.string().max(80),
        'zh-Hant': z.string().max(80),
        'zh-Hans': z.string().max(80),
      }),
    })
    .nullable(),
  priceMinor,
  /** The tax class's code, or null for the store's default. */
  taxClass: z.string().max(20).nullable(),
  /**
   * The class's rate in basis points as head office holds it when the terminal pulls (head office
   * sends the class's items again when the rate changes); null without a class. Absent from
   * head offices before tax: the store's default rate.
   */
  taxRateBasisPoints: taxRate.nullable().optional(),
  active: z.boolean(),
});
export type PulledProduct = z.infer<typeof pulledProduct>;

/** A tax class's code, as the products stream carries it (`taxClass`, up to 20 characters). */
export const TAX_CLASS_CODE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;
