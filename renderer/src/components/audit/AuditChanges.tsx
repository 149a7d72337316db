import type { AuditField } from '../../../../shared/staff';
import { catalogs, type MessageKey } from '../../../../shared/i18n';
import { useFormat, useT } from '../../i18n/useT';

const isKey = (key: string): key is MessageKey =>
  Object.prototype.hasOwnProperty.call(catalogs.en, key);

/** "refundLimitMinor" → the catalog's words if it has them, else "refund limit minor". */
function useFieldName(): (path: string) => string {
  const t = useT();
  return (path) => {
    const key = `audit.field.${path}`;
    if (isKey(key)) return t(key);
    return path.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  };
}

/** Before and after as fields: money fields (…Minor) as money, the rest as they are. */
export function AuditChanges({ label, fields }: { label: string; fields: AuditField[] | null }) {
  const format = useFormat();
  const t = useT();
  const name = useFieldName();
  if (!fields || fields.length === 0) return null;
  const show = (field: AuditField) => {
    if (typeof field.value === 'number' && /Minor$/.test(field.path))
      return format.money(field.value);
    if (typeof field.value === 'number') return format.number(field.value);
    if (typeof field.value === 'boolean') return field.value ? t('audit.yes') : t('audit.no');
    // A role is a word of the catalog, never the code stored ("manager") in a Chinese screen.
    const role = `staff.role.${String(field.value)}`;
    if (field.path.endsWith('role') && isKey(role)) return t(role);
    return field.value ?? '—';
  };
  return (
    <div className="audit-changes">
      <h3>{label}</h3>
      <dl>
        {fields.map((field) => (
          <div key={field.path}>
            <dt>{name(field.path)}</dt>
            <dd>{show(field)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
