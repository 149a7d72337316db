import type { ReactNode } from 'react';
import type { ConnectionStatus } from '../../../../shared/domain';
import { useFormat, useT } from '../../i18n/useT';
import { syncErrorKey } from '../../sync/syncWords';

/**
 * What the terminal knows about its link to head office, for the badge's details and Settings.
 * `children` are more rows (dt/dd) shown first, in the same list so the columns line up. A clock
 * warning is not repeated here: the top bar shows it whenever it applies.
 */
export function SyncFacts({
  status,
  children,
}: {
  status: ConnectionStatus;
  children?: ReactNode;
}) {
  const t = useT();
  const format = useFormat();
  return (
    <>
      <dl className="facts sync-facts">
        {children}
        <dt>{t('status.headOffice')}</dt>
        <dd data-testid="sync-server">{status.serverUrl ?? t('status.notEnrolled')}</dd>
        <dt>{t('status.lastSync')}</dt>
        <dd data-testid="sync-last-success">
          {status.lastSuccessAt ? format.dateTime(status.lastSuccessAt) : t('status.never')}
        </dd>
        <dt>{t('status.waiting')}</dt>
        <dd data-testid="sync-waiting">{format.number(status.pendingChanges)}</dd>
        {status.lastError !== null && (
          <>
            <dt>{t('status.lastError')}</dt>
            <dd data-testid="sync-last-error">
              <span className="sync-error">{t(syncErrorKey(status.lastErrorCode))}</span>
              <span className="hint sync-error-detail">
                {t('status.errorDetail', {
                  time: status.lastErrorAt ? format.dateTime(status.lastErrorAt) : '—',
                  detail: status.lastError,
                })}
              </span>
            </dd>
          </>
        )}
      </dl>
      {!status.enrolled && <p className="hint">{t('status.enrollHint')}</p>}
    </>
  );
}
