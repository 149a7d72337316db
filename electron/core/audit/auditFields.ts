import type { AuditField } from '../../../shared/staff';

const MAX_FIELDS = 60;

/**
 * Before and after are stored as JSON; the manager reads them as fields, not as a JSON dump.
 * Nested objects become dotted paths ("byTender.cash.salesMinor"), lists of plain values one
 * comma-separated field. A whole program is long: past MAX_FIELDS the rest is summarised.
 */
export function auditFields(json: string | null): AuditField[] | null {
  if (json === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [{ path: '', value: json }];
  }
  // Older rows stored "nothing before" as the JSON text null: that is no fields, not one blank.
  if (value === null) return null;
  const out: AuditField[] = [];
  walk(value, '', out);
  if (out.length > MAX_FIELDS) {
    const more = out.length - MAX_FIELDS;
    return [...out.slice(0, MAX_FIELDS), { path: '…', value: `+${more}` }];
  }
  return out;
}

function walk(value: unknown, path: string, out: AuditField[]): void {
  if (value === null || typeof value !== 'object') {
    out.push({ path, value: plain(value) });
    return;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      out.push({ path, value: value.map((v) => String(plain(v))).join(', ') });
      return;
    }
    value.forEach((item, index) => walk(item, join(path, String(index + 1)), out));
    return;
  }
  for (const [key, item] of Object.entries(value)) walk(item, join(path, key), out);
}

const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

function plain(value: unknown): string | number | boolean | null {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return value;
  return value === undefined ? null : String(value);
}
