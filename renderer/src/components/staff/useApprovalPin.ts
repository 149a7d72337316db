import { useAppStore } from '../../store';
import type { ManagerScreen } from '../../store/types';

/** The PIN a cashier's manager approval carries for this screen, if any (a manager needs none). */
export function useApprovalPin(screen: ManagerScreen): string | undefined {
  return useAppStore((s) =>
    s.managerApproval?.screen === screen ? s.managerApproval.pin : undefined,
  );
}
