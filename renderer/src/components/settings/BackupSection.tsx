import { useEffect, useState, type FormEvent } from 'react';
import type { BackupSettingsView } from '../../../../shared/backup';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { useAppStore } from '../../store';
import { approvalFor } from '../../store/approval';
import { useErrorText, useFormat, useT } from '../../i18n/useT';

/** Settings › Backups: the folder the manager chooses, how often, and a backup on demand. */
export function BackupSection() {
  const t = useT();
  const format = useFormat();
  const errorText = useErrorText();
  const [view, setView] = useState<BackupSettingsView | null>(null);
  const [folder, setFolder] = useState('');
  const [everyHours, setEveryHours] = useState('4');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  // A cashier who opened Settings with a manager's PIN: each call carries it, as the core checks.
  const managerApproval = useAppStore((s) => s.managerApproval);
  const approval = approvalFor(managerApproval, 'settings');
  const approvalPin = approval.managerPin;

  const show = (next: BackupSettingsView) => {
    setView(next);
    setFolder(next.chosen ? next.folder : '');
    setEveryHours(String(next.everyHours));
  };

  useEffect(() => {
    const input = approvalPin ? { managerPin: approvalPin } : {};
    void api.invoke('backup.settings', input).then((answer) => {
      if (answer.ok) show(answer.value);
      else setError(answer.error);
    });
  }, [approvalPin]);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const hours = Number(everyHours);
    const answer = await api.invoke('backup.configure', {
      folder: folder.trim() === '' ? null : folder.trim(),
      everyHours: Number.isInteger(hours) ? hours : -1,
      ...approval,
    });
    if (!answer.ok) {
      setError(answer.error);
      return;
    }
    setError(null);
    setSaved(true);
    show(answer.value);
  }

  async function backUpNow() {
    setBusy(true);
    setSaved(false);
    const answer = await api.invoke('backup.now', approval);
    setBusy(false);
    if (!answer.ok) setError(answer.error);
    else setError(null);
    const fresh = await api.invoke('backup.settings', approval);
    if (fresh.ok) show(fresh.value);
  }

  return (
    <section className="card backups" aria-labelledby="settings-backups">
      <h2 id="settings-backups">{t('backup.title')}</h2>
      <p className="hint">{t('backup.explain')}</p>
      {view && (
        <p data-testid="backup-newest">
          {view.newest
            ? t('backup.newest', {
                when: format.dateTime(view.newest.createdAt),
                reason: t(`backup.reason.${view.newest.reason}`),
              })
            : t('backup.none')}
        </p>
      )}
      {view?.lastFailure && (
        <p className="warning">{t('backup.lastFailure', { reason: view.lastFailure })}</p>
      )}
      <form className="form" onSubmit={save} noValidate>
        <label>
          {t('backup.folder')}
          <input
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            maxLength={1000}
            aria-invalid={error?.field === 'folder'}
          />
        </label>
        {view && !view.chosen && (
          <p className="hint">{t('backup.defaultFolder', { folder: view.folder })}</p>
        )}
        <label>
          {t('backup.everyHours')}
          <input
            value={everyHours}
            onChange={(e) => setEveryHours(e.target.value)}
            inputMode="numeric"
            maxLength={3}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {errorText(error)}
          </p>
        )}
        {saved && (
          <p className="ok" role="status">
            {t('backup.saved')}
          </p>
        )}
        <button type="submit">{t('backup.save')}</button>
        <button type="button" className="primary" disabled={busy} onClick={() => void backUpNow()}>
          {busy ? t('backup.running') : t('backup.now')}
        </button>
      </form>
    </section>
  );
}
