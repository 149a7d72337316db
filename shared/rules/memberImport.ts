import { locales, type Locale } from '../locale';
import { normalisePhone, phoneCountries, type PhoneCountry } from '../phone';
import { normaliseText, textProblem } from '../text';
import { isLeapYear } from '../zonedTime';
import {
  consentChannels,
  consentPurposes,
  type ConsentAnswer,
  type ConsentChannel,
  type ConsentPurpose,
} from './consent';

/**
 * One row of a member CSV from the old system (issue 16 §5), read the same way by the office's
 * dry run and by the import itself. Columns are named in the header, in any order; every column
 * but name and phone may be left out. server/README.md ("Member import") lists them.
 */
export const consentColumns = consentChannels.flatMap((channel) =>
  consentPurposes.map((purpose) => `consent_${channel}_${purpose}` as const),
);
export const memberImportColumns = [
  'name',
  'phone',
  'country',
  'email',
  'birthday',
  'language',
  'card',
  'points',
  'points_expiry',
  'home_store',
  'consent_date',
  ...consentColumns,
] as const;
export type MemberImportColumn = (typeof memberImportColumns)[number];
export const requiredImportColumns = ['name', 'phone'] as const;

/** Why a row was refused: each reason means one thing, and the office names it in three languages. */
export const importRowErrors = [
  'name_missing',
  'name_invalid',
  'phone_invalid',
  'country_unknown',
  'email_invalid',
  'birthday_invalid',
  'language_unknown',
  'card_invalid',
  'points_invalid',
  'points_expiry_missing',
  'points_expiry_invalid',
  'consent_invalid',
  'consent_date_missing',
  'consent_date_invalid',
  'store_unknown',
  'store_missing',
  'members_conflict',
  'columns_mismatch',
] as const;
export type ImportRowError = (typeof importRowErrors)[number];

/** The most points one row may bring: far above any real balance, far below 2^53. */
export const MAX_IMPORTED_POINTS = 100_000_000;

export interface ImportedConsent {
  channel: ConsentChannel;
  purpose: ConsentPurpose;
  answer: ConsentAnswer;
  /** YYYY-MM-DD: when the member answered, as the file says. */
  on: string;
}

/** A row as it will be imported: every value normalised, nothing left to check but the database. */
export interface ImportRow {
  name: string;
  phoneE164: string;
  phoneNational: string;
  email: string | null;
  birthday: string | null;
  language: Locale;
  card: string | null;
  points: number;
  /** YYYY-MM-DD, present exactly when points > 0. */
  pointsExpireOn: string | null;
  /** As written in the file (matched to a store's name at head office); null: the default. */
  homeStore: string | null;
  consents: ImportedConsent[];
}

export type ReadRow =
  { ok: true; row: ImportRow } | { ok: false; reason: ImportRowError; column: string };

/** What a file is read with when a row leaves a column empty. */
export interface ImportDefaults {
  country: PhoneCountry;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,189}\.[^\s@]{1,63}$/;
const CARD = /^[A-Za-z0-9-]{4,32}$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** A calendar date written YYYY-MM-DD (or YYYY/MM/DD), between 1900 and 2100. */
export function importDate(raw: string): string | null {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(raw.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return null;
  if (day > (month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0))) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const YES = new Set(['yes', 'y', 'true', '1', '是', 'granted']);
const NO = new Set(['no', 'n', 'false', '0', '否', 'withdrawn']);

/** Reads one row; the first problem found is the row's reason. */
export function readImportRow(
  record: Readonly<Record<string, string | undefined>>,
  defaults: ImportDefaults,
): ReadRow {
  const cell = (column: MemberImportColumn) => normaliseText(record[column] ?? '');
  const refuse = (reason: ImportRowError, column: MemberImportColumn): ReadRow => ({
    ok: false,
    reason,
    column,
  });

  const name = cell('name');
  if (name.length === 0) return refuse('name_missing', 'name');
  if (name.length > 100 || textProblem(name)) return refuse('name_invalid', 'name');

  const countryText = cell('country').toUpperCase();
  const country = countryText === '' ? defaults.country : countryText;
  if (!(phoneCountries as readonly string[]).includes(country)) {
    return refuse('country_unknown', 'country');
  }
  const phone = normalisePhone(cell('phone'), country as PhoneCountry);
  if (!phone) return refuse('phone_invalid', 'phone');

  const emailText = cell('email').toLowerCase();
  if (emailText !== '' && (emailText.length > 254 || !EMAIL.test(emailText))) {
    return refuse('email_invalid', 'email');
  }
  const birthdayText = cell('birthday');
  const birthday = birthdayText === '' ? null : importDate(birthdayText);
  if (birthdayText !== '' && birthday === null) return refuse('birthday_invalid', 'birthday');

  const languageText = cell('language');
  const language = languageText === '' ? 'en' : languageOf(languageText);
  if (language === null) return refuse('language_unknown', 'language');

  const card = cell('card');
  if (card !== '' && !CARD.test(card)) return refuse('card_invalid', 'card');

  const pointsText = cell('points').replace(/,/g, '');
  const points = pointsText === '' ? 0 : /^\d{1,9}$/.test(pointsText) ? Number(pointsText) : NaN;
  if (!Number.isSafeInteger(points) || points > MAX_IMPORTED_POINTS) {
    return refuse('points_invalid', 'points');
  }
  const expiryText = cell('points_expiry');
  const pointsExpireOn = expiryText === '' ? null : importDate(expiryText);
  if (expiryText !== '' && pointsExpireOn === null) {
    return refuse('points_expiry_invalid', 'points_expiry');
  }
  if (points > 0 && pointsExpireOn === null)
    return refuse('points_expiry_missing', 'points_expiry');

  const consents: ImportedConsent[] = [];
  const consentDateText = cell('consent_date');
  const consentOn = consentDateText === '' ? null : importDate(consentDateText);
  if (consentDateText !== '' && consentOn === null) {
    return refuse('consent_date_invalid', 'consent_date');
  }
  for (const channel of consentChannels) {
    for (const purpose of consentPurposes) {
      const column = `consent_${channel}_${purpose}` as const;
      const answerText = cell(column).toLowerCase();
      if (answerText === '') continue;
      const answer = YES.has(answerText) ? 'granted' : NO.has(answerText) ? 'withdrawn' : null;
      if (answer === null) return refuse('consent_invalid', column);
      if (consentOn === null) return refuse('consent_date_missing', 'consent_date');
      consents.push({ channel, purpose, answer, on: consentOn });
    }
  }

  const homeStore = cell('home_store');
  if (homeStore.length > 200 || textProblem(homeStore))
    return refuse('store_unknown', 'home_store');
  return {
    ok: true,
    row: {
      name,
      phoneE164: phone.e164,
      phoneNational: phone.national,
      email: emailText === '' ? null : emailText,
      birthday,
      language,
      card: card === '' ? null : card,
      points,
      pointsExpireOn: points > 0 ? pointsExpireOn : null,
      homeStore: homeStore === '' ? null : homeStore,
      consents,
    },
  };
}

function languageOf(text: string): Locale | null {
  const lower = text.toLowerCase();
  const found = locales.find((l) => l.toLowerCase() === lower);
  if (found) return found;
  if (lower === 'zh-hk' || lower === 'zh-tw' || lower === 'zh-mo') return 'zh-Hant';
  if (lower === 'zh-cn' || lower === 'zh-sg' || lower === 'zh') return 'zh-Hans';
  return null;
}
