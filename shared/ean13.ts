/**
 * EAN-13 bar pattern for a card number, as a string of 95 modules ('1' = bar), so the member's
 * card can be shown and printed in a form every shop scanner reads.
 */
const L = [
  '0001101',
  '0011001',
  '0010011',
  '0111101',
  '0100011',
  '0110001',
  '0101111',
  '0111011',
  '0110111',
  '0001011',
];
const G = [
  '0100111',
  '0110011',
  '0011011',
  '0100001',
  '0011101',
  '0111001',
  '0000101',
  '0010001',
  '0001001',
  '0010111',
];
const R = [
  '1110010',
  '1100110',
  '1101100',
  '1000010',
  '1011100',
  '1001110',
  '1010000',
  '1000100',
  '1001000',
  '1110100',
];
const PARITY = [
  'LLLLLL',
  'LLGLGG',
  'LLGGLG',
  'LLGGGL',
  'LGLLGG',
  'LGGLLG',
  'LGGGLL',
  'LGLGLG',
  'LGLGGL',
  'LGGLGL',
];

export function ean13Modules(code: string): string | null {
  if (!/^\d{13}$/.test(code)) return null;
  const digits = Array.from(code, Number);
  const parity = PARITY[digits[0] ?? 0] ?? PARITY[0];
  let modules = '101';
  for (let i = 1; i <= 6; i++) {
    const table = parity?.[i - 1] === 'G' ? G : L;
    modules += table[digits[i] ?? 0];
  }
  modules += '01010';
  for (let i = 7; i <= 12; i++) modules += R[digits[i] ?? 0];
  return `${modules}101`;
}
