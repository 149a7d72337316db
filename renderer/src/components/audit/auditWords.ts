import type { AuditField } from '../../../../shared/staff';
import { catalogs, type MessageKey, type MessageParams } from '../../../../shared/i18n';
import { locales, type Locale } from '../../../../shared/locale';
import type { Formatters } from '../../i18n/useT';

type T = (key: MessageKey, params?: MessageParams) => string;

const isKey = (key: string): key is MessageKey =>
  Object.prototype.hasOwnProperty.call(catalogs.en, key);

/** The program's codes in the words its own screen uses for them. */
const choiceWords: Record<string, MessageKey> = {
  'earn.rounding.floor': 'program.earn.roundingFloor',
  'earn.rounding.round': 'program.earn.roundingRound',
  'earn.rounding.ceil': 'program.earn.roundingCeil',
  'tiers.qualification.spend': 'program.tiers.bySpend',
  'tiers.qualification.points': 'program.tiers.byPoints',
  'refunds.spentPoints.negative_balance': 'program.refunds.negativeBalance',
  'refunds.spentPoints.reduce_cash': 'program.refunds.reduceCash',
  'coupons.campaigns.kind.percent': 'coupon.kind.percent',
  'coupons.campaigns.kind.amount': 'coupon.kind.amount',
  'coupons.campaigns.kind.free_item': 'coupon.kind.free_item',
  'coupons.campaigns.kind.buy_x_get_y': 'coupon.kind.buy_x_get_y',
};

/** A field's name from the catalog ("refundLimitMinor" → "refund limit"), never a raw key. */
function fieldWords(name: string, t: T): string {
  const key = `audit.field.${name}`;
  if (isKey(key)) return t(key);
  // A field no catalog names yet: its last word, spaced ("graceDays" → "grace days").
  const last = name.split('.').pop() ?? name;
  return last
    .replace(/Minor$/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
}

/** What the manager reads as a field's name, with the tier or campaign it belongs to. */
export function auditFieldName(field: AuditField, t: T): string {
  if (field.path === '…') return '…';
  const name = fieldWords(field.field ?? field.path, t);
  return field.item ? t('audit.fieldOfItem', { field: name, item: field.item }) : name;
}

const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (locales as readonly string[]).includes(value);

/** A field's value as the manager reads it: money as money, codes in words, a language by name. */
export function auditFieldValue(field: AuditField, t: T, format: Formatters): string {
  const { value } = field;
  if (value === null || value === '') return '—';
  switch (field.unit) {
    case 'money':
      return typeof value === 'number' ? format.money(value) : String(value);
    case 'points':
      return typeof value === 'number' ? format.points(value) : String(value);
    case 'percent':
      return typeof value === 'number' ? format.percent(value) : String(value);
    case 'choice': {
      const key = choiceWords[`${field.field ?? field.path}.${String(value)}`];
      return key ? t(key) : String(value);
    }
    case 'language':
      return isLocale(value) ? catalogs[value]['language.name'] : String(value);
    case 'fields':
      return String(value)
        .split(', ')
        .map((name) => fieldWords(name, t))
        .join(', ');
    case 'campaign':
    case undefined:
      break;
    default: {
      const never: never = field.unit;
      return never;
    }
  }
  // Rows written before units were recorded: money fields still end in "Minor".
  if (typeof value === 'number' && /Minor$/.test(field.path)) return format.money(value);
  if (typeof value === 'number') return format.number(value);
  if (typeof value === 'boolean') return value ? t('audit.yes') : t('audit.no');
  // A role is a word of the catalog, never the code stored ("manager") in a Chinese screen.
  const role = `staff.role.${value}`;
  if (field.path.endsWith('role') && isKey(role)) return t(role);
  return value;
}
