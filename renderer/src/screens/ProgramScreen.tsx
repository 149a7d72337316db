import { useT } from '../i18n/useT';
import { ManagerGate } from '../components/staff/ManagerGate';
import { ProgramEditor } from '../components/program/ProgramEditor';
import { ProgramOwnershipPanel } from '../components/program/ProgramOwnershipPanel';

/**
 * The manager's loyalty program: every rule, checked as it is typed, saved with a PIN. A cashier
 * needs a manager's PIN to open it at all: the rules and their figures are the manager's.
 */
export function ProgramScreen() {
  const t = useT();
  return (
    <ManagerGate screen="program" heading={t('program.title')}>
      <ProgramOwnershipPanel />
      <ProgramEditor />
    </ManagerGate>
  );
}
