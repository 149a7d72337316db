import type { AuditField, AuditUnit } from '../../../shared/staff';

const MAX_FIELDS = 60;

/** Fields shown as a percent (100 = normal). */
const percentFields = new Set([
  'earn.multipliers.percent',
  'earn.promotions.percent',
  'tiers.levels.earnPercent',
  'redemption.maxSharePercent',
  'coupons.campaigns.percentOff',
]);

/** Fields holding one of a few codes, each said in words by the screen. */
const choiceFields = new Set([
  'earn.rounding',
  'tiers.qualification',
  'refunds.spentPoints',
  'coupons.campaigns.kind',
]);

/** Fields naming a campaign by its id: shown by the campaign's name. */
const campaignFields = new Set([
  'coupons.welcomeCampaignId',
  'coupons.birthdayCampaignId',
  'coupons.nextOrder.campaignId',
]);

type Value = AuditField['value'];

interface Flat {
  fields: AuditField[];
  /** Paths of list items (a tier, a campaign): shown as one field when only one side has them. */
  items: Set<string>;
}

/**
 * Before and after are stored as JSON; the manager reads what changed, as fields. Nested objects
 * become paths ("redemption.valueMinor"); list items with an id (tiers, campaigns, promotions)
 * or a match (multipliers) are found by it, not by position, so inserting a tier does not look
 * like every tier changed; lists of plain values are one field. Only fields whose value differs
 * are kept; an item only one side has is one field, named. With no before (a creation) or no
 * after, everything is shown. Past MAX_FIELDS the rest is summarised.
 */
export function auditChanges(
  beforeJson: string | null,
  afterJson: string | null,
): { before: AuditField[] | null; after: AuditField[] | null } {
  const before = parse(beforeJson);
  const after = parse(afterJson);
  if (before === null || after === null) {
    return {
      before: before === null ? null : capped(flatten(before).fields),
      after: after === null ? null : capped(flatten(after).fields),
    };
  }
  const b = flatten(before);
  const a = flatten(after);
  return { before: capped(changed(b, a)), after: capped(changed(a, b)) };
}

/** This side's fields that the other side does not have with the same value. */
function changed(side: Flat, other: Flat): AuditField[] {
  const others = new Map(other.fields.map((field) => [field.path, field.value]));
  // Items only this side has: shown as themselves, their own fields left out.
  const alone = [...side.items].filter((path) => !other.items.has(path));
  const inAloneItem = (path: string) => alone.some((item) => path.startsWith(`${item}.`));
  // An empty list here is a list of items there: the items say what changed.
  const listedThere = (path: string) =>
    [...other.items].some((item) => item.startsWith(`${path}.`));
  return side.fields.filter((field) => {
    if (side.items.has(field.path)) return alone.includes(field.path);
    if (inAloneItem(field.path)) return false;
    if (field.value === '' && listedThere(field.path)) return false;
    return !others.has(field.path) || others.get(field.path) !== field.value;
  });
}

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json) as unknown;
  } catch {
    // Not JSON: shown as the one field it is.
    return { '': json };
  }
}

function capped(fields: AuditField[]): AuditField[] {
  if (fields.length <= MAX_FIELDS) return fields;
  return [...fields.slice(0, MAX_FIELDS), { path: '…', value: `+${fields.length - MAX_FIELDS}` }];
}

function flatten(doc: unknown): Flat {
  const flat: Flat = { fields: [], items: new Set() };
  walk(doc, { path: '', field: '', item: undefined }, doc, flat);
  return flat;
}

interface Place {
  /** Unique: list items by their key. */
  path: string;
  /** What the field is, list positions left out. */
  field: string;
  /** The name of the list item the field is in. */
  item: string | undefined;
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The key a list item is found by: its id, or for a multiplier what it matches. */
function itemKey(value: unknown): string | null {
  if (!isRecord(value)) return null;
  const key = value.id ?? value.match;
  return typeof key === 'string' && key !== '' ? key : null;
}

function walk(value: unknown, at: Place, doc: unknown, flat: Flat): void {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      push(flat, at, value.map((v) => String(plain(v))).join(', '), doc);
      return;
    }
    const keys = value.map(itemKey);
    const keyed = keys.every((k) => k !== null) && new Set(keys).size === keys.length;
    value.forEach((entry, index) => {
      const key = keyed ? (keys[index] as string) : String(index + 1);
      const path = join(at.path, key);
      if (keyed) {
        const name = isRecord(entry) && typeof entry.name === 'string' ? entry.name : key;
        flat.items.add(path);
        flat.fields.push({ path, field: at.field, item: name, value: name });
        walk(entry, { path, field: at.field, item: name }, doc, flat);
      } else walk(entry, { path, field: join(at.field, key), item: at.item }, doc, flat);
    });
    return;
  }
  if (isRecord(value)) {
    for (const [key, entry] of Object.entries(value)) {
      walk(
        entry,
        { path: join(at.path, key), field: join(at.field, key), item: at.item },
        doc,
        flat,
      );
    }
    return;
  }
  push(flat, at, plain(value), doc);
}

function push(flat: Flat, at: Place, value: Value, doc: unknown): void {
  const unit = unitOf(at.field, doc);
  flat.fields.push({
    path: at.path,
    ...(at.field !== at.path ? { field: at.field } : {}),
    ...(at.item !== undefined ? { item: at.item } : {}),
    value: unit === 'campaign' ? campaignName(doc, value) : value,
    ...(unit ? { unit } : {}),
  });
}

function unitOf(field: string, doc: unknown): AuditUnit | undefined {
  if (field === 'tiers.levels.threshold') {
    // Tiers qualify on net spend (money) or on points earned, as the program says.
    const tiers = isRecord(doc) && isRecord(doc.tiers) ? doc.tiers : null;
    return tiers?.qualification === 'points' ? 'points' : 'money';
  }
  if (/Minor$/.test(field)) return 'money';
  if (percentFields.has(field)) return 'percent';
  if (choiceFields.has(field)) return 'choice';
  if (campaignFields.has(field)) return 'campaign';
  if (field === 'preferredLanguage') return 'language';
  if (field === 'edited') return 'fields';
  return undefined;
}

/** A campaign id as the campaign's name in the same program, when it is there. */
function campaignName(doc: unknown, id: Value): Value {
  if (typeof id !== 'string' || !isRecord(doc) || !isRecord(doc.coupons)) return id;
  const campaigns = doc.coupons.campaigns;
  if (!Array.isArray(campaigns)) return id;
  const found = campaigns.find((c) => isRecord(c) && c.id === id);
  return isRecord(found) && typeof found.name === 'string' ? found.name : id;
}

function plain(value: unknown): Value {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  return value === undefined ? null : String(value);
}
