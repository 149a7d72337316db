import type { ConnectionStatus } from '../../../../shared/domain';
import { useFormat, useT } from '../../i18n/useT';
import { clockOffMinutes, syncErrorKey } from '../../sync/syncWords';

/** What the terminal knows about its link to head office, for the badge's details and Settings. */
export function SyncFacts({ status }: { status: ConnectionStatus }) {
  const t = useT();
  const format = useFormat();
  return (
    <>
      <dl className="facts sync-facts">
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
              <span className="field-error">{t(syncErrorKey(status.lastError))}</span>
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
      {status.clockWarning && (
        <p className="field-error">
          {t('status.clockWarning', { minutes: format.number(clockOffMinutes(status)) })}
        </p>
      )}
      {!status.enrolled && <p className="hint">{t('status.enrollHint')}</p>}
    </>
  );
}
