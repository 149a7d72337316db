import { useState } from 'react';
import type { BackupSummary, RestoreResult } from '../../../shared/backup';
import type { AppError } from '../../../shared/result';
import { api } from '../api';
import { useAppStore } from '../store';
import { useErrorText, useFormat, useT } from '../i18n/useT';

/**
 * Shown instead of everything else when the ledger failed its start-up check (or a restore waits
 * for head office). It says what is wrong, offers the newest verified backup, and says what a
 * restore loses: whatever was rung up after head office last heard from this terminal.
 */
export function RecoveryScreen() {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const recovery = useAppStore((s) => s.recovery);
  const loadTerminal = useAppStore((s) => s.loadTerminal);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<RestoreResult | null>(null);
  if (!recovery) return null;

  async function run(action: () => ReturnType<typeof api.invoke<'recovery.resync'>>) {
    setBusy(true);
    setError(null);
    const answer = await action();
    setBusy(false);
    if (answer.ok) setDone(answer.value);
    else {
      setError(answer.error);
      // A restore that reached the file but not head office now waits to retry: show that.
      await loadTerminal();
    }
  }

  if (done) {
    return (
      <section className="recovery-screen" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{t('recovery.doneTitle')}</h1>
        <p role="status" data-testid="restore-result">
          {t('recovery.restoredFrom', { when: format.dateTime(done.restoredFrom.createdAt) })}
        </p>
        {done.headOffice ? (
          <>
            <p>
              {t('recovery.recovered', {
                operations: done.recoveredOperations,
                sales: done.recoveredSales,
              })}
            </p>
            <p className="warning">
              {done.headOffice.lastSeenAt
                ? t('recovery.lostAfter', { when: format.dateTime(done.headOffice.lastSeenAt) })
                : t('recovery.lostAfterBackup')}
            </p>
            {(done.headOffice.pendingAtLastSeen ?? 0) > 0 && (
              <p className="warning" data-testid="restore-lost">
                {t('recovery.lostWaiting', { count: done.headOffice.pendingAtLastSeen ?? 0 })}
              </p>
            )}
          </>
        ) : (
          <p className="warning">{t('recovery.notEnrolled')}</p>
        )}
        <button type="button" className="primary" onClick={() => void loadTerminal()}>
          {t('recovery.continue')}
        </button>
      </section>
    );
  }

  if (recovery.state === 'resyncing') {
    return (
      <section className="recovery-screen" aria-labelledby="recovery-title">
        <h1 id="recovery-title">{t('recovery.resyncTitle')}</h1>
        <p>
          {t('recovery.restoredFrom', {
            when: format.dateTime(recovery.restoredFrom.createdAt),
          })}
        </p>
        <p>{t('recovery.resyncExplain')}</p>
        {(error || recovery.lastError) && (
          <p className="error" role="alert">
            {error ? errorText(error) : t('error.restore_needs_head_office')}
          </p>
        )}
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void run(() => api.invoke('recovery.resync', {}))}
        >
          {t('recovery.retry')}
        </button>
      </section>
    );
  }

  const newest = recovery.backups[0];
  const selected: BackupSummary | undefined =
    recovery.backups.find((b) => b.file === chosen) ?? newest;
  return (
    <section className="recovery-screen" aria-labelledby="recovery-title">
      <h1 id="recovery-title">{t('recovery.title')}</h1>
      <p role="alert">{t(`recovery.problem.${recovery.problem}`)}</p>
      <p className="hint">{recovery.detail}</p>
      {selected ? (
        <>
          <fieldset className="card">
            <legend>{t('recovery.chooseBackup')}</legend>
            {recovery.backups.slice(0, 10).map((backup) => (
              <label key={backup.file} className="choice-row">
                <input
                  type="radio"
                  name="backup"
                  checked={backup.file === selected.file}
                  onChange={() => setChosen(backup.file)}
                />
                {t('recovery.backupLine', {
                  when: format.dateTime(backup.createdAt),
                  reason: t(`backup.reason.${backup.reason}`),
                  sales: backup.sales,
                })}
                {backup.file === newest?.file && ` (${t('recovery.newest')})`}
              </label>
            ))}
          </fieldset>
          <p className="warning">
            {t('recovery.whatIsLost', { when: format.dateTime(selected.createdAt) })}
          </p>
          {error && (
            <p className="error" role="alert">
              {errorText(error)}
            </p>
          )}
          <button
            type="button"
            className="primary"
            disabled={busy}
            data-testid="restore-backup"
            onClick={() => void run(() => api.invoke('recovery.restore', { file: selected.file }))}
          >
            {busy ? t('recovery.restoring') : t('recovery.restore')}
          </button>
        </>
      ) : (
        <p className="error">{t('recovery.noBackup', { folder: recovery.folder })}</p>
      )}
    </section>
  );
}
