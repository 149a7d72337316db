import { useCallback, useEffect, useState } from 'react';
import type { StaffMember } from '../../../shared/staff';
import { api } from '../api';
import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { ManagerGate } from '../components/staff/ManagerGate';
import { StaffAddForm } from '../components/staff/StaffAddForm';
import { StaffRow } from '../components/staff/StaffRow';
import { RefundLimitForm } from '../components/staff/RefundLimitForm';

/** Who may sign in on this terminal, and the refund limit. Every change needs a manager's PIN. */
export function StaffScreen() {
  const t = useT();
  const loadStaffList = useAppStore((s) => s.loadStaffList);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const load = useCallback(
    () =>
      api.invoke('staff.list', { includeDeactivated: true }).then((result) => {
        if (result.ok) setStaff(result.value);
        // The sign-in list follows the change too.
        return loadStaffList();
      }),
    [loadStaffList],
  );

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section aria-labelledby="staff-title" className="staff-screen">
      <h1 id="staff-title">{t('staff.title')}</h1>
      <ManagerGate screen="staff">
        <div className="columns">
          <section className="card" aria-labelledby="staff-list-title">
            <h2 id="staff-list-title">{t('staff.list')}</h2>
            <ul className="staff-list" aria-labelledby="staff-list-title">
              {staff.map((member) => (
                <StaffRow key={member.id} member={member} onChanged={() => void load()} />
              ))}
            </ul>
          </section>
          <div>
            <StaffAddForm onAdded={() => void load()} />
            <RefundLimitForm />
          </div>
        </div>
      </ManagerGate>
    </section>
  );
}
