import type { ConnectionStatus } from '../../../../shared/domain';
import { useT } from '../../i18n/useT';
import { SyncFacts } from '../sync/SyncFacts';
import { SyncNowButton } from '../sync/SyncNowButton';

/** An enrolled terminal: where head office is, whether it answers, and what waits to be sent. */
export function HeadOfficeConnection({ status }: { status: ConnectionStatus }) {
  const t = useT();
  return (
    <div className="head-office-connection" data-testid="head-office-connection">
      <SyncFacts status={status}>
        <dt>{t('headOffice.state')}</dt>
        <dd data-testid="head-office-state">
          {t(status.online ? 'headOffice.stateOnline' : 'headOffice.stateOffline')}
        </dd>
      </SyncFacts>
      <SyncNowButton />
    </div>
  );
}
