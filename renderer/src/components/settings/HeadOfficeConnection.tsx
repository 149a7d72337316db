import type { ConnectionStatus } from '../../../../shared/domain';
import { useFormat, useT } from '../../i18n/useT';
import { connectionText } from '../../sync/syncWords';
import { SyncFacts } from '../sync/SyncFacts';
import { SyncNowButton } from '../sync/SyncNowButton';

/** An enrolled terminal: where head office is, whether it answers, and what waits to be sent. */
export function HeadOfficeConnection({ status }: { status: ConnectionStatus }) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="head-office-connection" data-testid="head-office-connection">
      <dl className="facts">
        <dt>{t('headOffice.state')}</dt>
        <dd>{t('headOffice.stateEnrolled')}</dd>
        <dt>{t('headOffice.connection')}</dt>
        <dd>{connectionText(t, format, status)}</dd>
      </dl>
      <SyncFacts status={status} />
      <SyncNowButton className="primary" />
    </div>
  );
}
