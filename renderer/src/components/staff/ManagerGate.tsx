import { useEffect, type ReactNode } from 'react';
import { useAppStore } from '../../store';
import type { ManagerScreen } from '../../store/types';
import { useT } from '../../i18n/useT';
import { ManagerPinPrompt } from './ManagerPinPrompt';

/**
 * A manager screen: open for a manager signed in; a cashier needs a manager's PIN typed on the
 * spot, which stays with this screen only (and is sent with its requests).
 */
export function ManagerGate({
  screen,
  heading,
  children,
}: {
  screen: ManagerScreen;
  /** The screen's title, for a screen whose own heading sits inside what the gate holds back. */
  heading?: string;
  children: ReactNode;
}) {
  const t = useT();
  const role = useAppStore((s) => s.terminal?.cashier.role);
  const approvedFor = useAppStore((s) => s.managerApproval?.screen);
  const approveManager = useAppStore((s) => s.approveManager);
  const clearManagerApproval = useAppStore((s) => s.clearManagerApproval);
  const go = useAppStore((s) => s.go);

  useEffect(() => () => clearManagerApproval(), [clearManagerApproval]);

  if (role === 'manager' || approvedFor === screen) return <>{children}</>;
  return (
    <div className="manager-gate">
      {heading && <h1>{heading}</h1>}
      <ManagerPinPrompt
        title={t(`manager.screen.${screen}`)}
        explain={t('manager.gate.explain')}
        submitLabel={t('manager.gate.open')}
        approve={(pin) => approveManager(screen, pin)}
        onCancel={() => go('sale')}
      />
    </div>
  );
}
