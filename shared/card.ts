/**
 * Member card numbers: 13 digits, EAN-13 compatible so any scanner reads and checks them.
 *
 *   2 TTTTT SSSSSS C
 *   | |     |      `- EAN-13 check digit
 *   | |     `-------- per-terminal sequence (1..999999), gapless, from the terminal's ledger
 *   | `-------------- terminal number (10000..99999), unique per terminal in the chain
 *   `---------------- "2": the GS1 range reserved for in-store numbering, never a retail product
 *
 * Two terminals never mint the same number because their terminal numbers differ.
 */
export const CARD_LENGTH = 13;

export function ean13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const digit = first12.charCodeAt(i) - 48;
    sum += i % 2 === 0 ? digit : digit * 3;
  }
  return (10 - (sum % 10)) % 10;
}

export function makeCardNumber(terminalNumber: number, sequence: number): string {
  if (!Number.isInteger(terminalNumber) || terminalNumber < 10000 || terminalNumber > 99999) {
    throw new RangeError(`terminal number out of range: ${terminalNumber}`);
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 999999) {
    throw new RangeError(`card sequence out of range: ${sequence}`);
  }
  const body = `2${terminalNumber}${String(sequence).padStart(6, '0')}`;
  return `${body}${ean13CheckDigit(body)}`;
}

/** How a terminal's card numbers begin, grouped as printed: "2 12345". */
export function cardPrefix(terminalNumber: number): string {
  return `2 ${terminalNumber}`;
}

export function isCardNumber(text: string): boolean {
  if (!/^2\d{12}$/.test(text)) return false;
  return ean13CheckDigit(text.slice(0, 12)) === text.charCodeAt(12) - 48;
}

/** Spaces and dashes (any Unicode dash) a person types between a card number's groups. */
const CARD_SEPARATORS = /[\s\u2010-\u2015\u2212-]/g;

/**
 * A card number as a person types it: run together, or grouped as printed ("2 12345 000001 7",
 * "2-12345-000001-7"). The digits once the spaces and dashes are gone, when they are a card
 * number with a good check digit; otherwise null.
 */
export function cardNumberFrom(text: string): string | null {
  const digits = text.replace(CARD_SEPARATORS, '');
  return isCardNumber(digits) ? digits : null;
}

/** "2 12345 000001 7" for reading aloud and printing under the barcode. */
export function formatCardNumber(card: string): string {
  if (card.length !== CARD_LENGTH) return card;
  return `${card.slice(0, 1)} ${card.slice(1, 6)} ${card.slice(6, 12)} ${card.slice(12)}`;
}
