import { useT } from '../i18n/useT';
import { ManagerGate } from '../components/staff/ManagerGate';
import { AuditSearch } from '../components/audit/AuditSearch';

/** Who did what, when, on which terminal, before and after: for a manager. */
export function AuditScreen() {
  const t = useT();
  return (
    <section aria-labelledby="audit-title" className="audit-screen">
      <h1 id="audit-title">{t('audit.title')}</h1>
      <ManagerGate screen="audit">
        <AuditSearch />
      </ManagerGate>
    </section>
  );
}
