import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/** Countries a shop can configure; the phone a cashier types is read as a number of this country. */
export const phoneCountries = ['HK', 'MO', 'TW', 'CN', 'SG', 'MY', 'US', 'GB'] as const;
export type PhoneCountry = (typeof phoneCountries)[number];

export interface NormalisedPhone {
  /** E.164, e.g. "+85291234567": the one stored form, unique per member. */
  e164: string;
  /** Digits as dialled at home, e.g. "91234567", for display and search. */
  national: string;
}

/**
 * Reads what a cashier typed ("9123 4567", "+852 9123-4567") as a phone of `country`.
 * Returns null unless it is a valid number for that country (or a valid international number).
 */
export function normalisePhone(input: string, country: PhoneCountry): NormalisedPhone | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 32 || !/^[+\d\s().-]+$/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, country as CountryCode);
  if (!parsed || !parsed.isValid()) return null;
  return { e164: parsed.number, national: String(parsed.nationalNumber) };
}

export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}

/**
 * A phone for lists where a person is recognised, not called: its last four digits
 * ("•••• 4567"). A number of four digits or fewer shows none.
 */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  return digits.length > 4 ? `•••• ${digits.slice(-4)}` : '••••';
}
