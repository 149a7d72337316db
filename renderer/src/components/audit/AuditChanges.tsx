import type { AuditField } from '../../../../shared/staff';
import { useFormat, useT } from '../../i18n/useT';
import { auditFieldName, auditFieldValue } from './auditWords';

/**
 * Before or after, as the fields that changed: each by its name in the catalog (with the tier or
 * campaign it belongs to) and its value as it reads (money, percent, a program choice in words).
 */
export function AuditChanges({ label, fields }: { label: string; fields: AuditField[] | null }) {
  const format = useFormat();
  const t = useT();
  if (!fields || fields.length === 0) return null;
  return (
    <div className="audit-changes">
      <h3>{label}</h3>
      <dl>
        {fields.map((field) => (
          <div key={field.path}>
            <dt>{auditFieldName(field, t)}</dt>
            <dd>{auditFieldValue(field, t, format)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
