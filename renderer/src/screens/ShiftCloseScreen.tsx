import { useT } from '../i18n/useT';
import { ManagerGate } from '../components/staff/ManagerGate';
import { ShiftCloseForm } from '../components/shift/ShiftCloseForm';

/** Closing the shift is a manager's: a cashier opens it with a manager's PIN on the spot. */
export function ShiftCloseScreen() {
  const t = useT();
  return (
    <section aria-labelledby="shift-close-title" className="shift-close-screen">
      <h1 id="shift-close-title">{t('shift.close.title')}</h1>
      <ManagerGate screen="shiftClose">
        <ShiftCloseForm />
      </ManagerGate>
    </section>
  );
}
