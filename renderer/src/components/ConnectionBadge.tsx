import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../store';
import { useFormat, useT } from '../i18n/useT';
import { connectionText, syncAgeText } from '../sync/syncWords';
import { SyncFacts } from './sync/SyncFacts';
import { SyncNowButton } from './sync/SyncNowButton';
import { SyncProgress } from './sync/SyncProgress';

/**
 * Always visible in the top bar: online or offline, how many changes wait to be sent and when
 * head office last took them. The badge opens the details (the last problem in words); "Sync now"
 * skips the worker's wait or backoff.
 */
export function ConnectionBadge() {
  const t = useT();
  const format = useFormat();
  const status = useAppStore((s) => s.status);
  const statusAt = useAppStore((s) => s.statusAt);
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const area = useRef<HTMLDivElement>(null);

  // The details close when the cashier goes back to work anywhere else on the screen.
  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!area.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  if (!status) return null;

  const main = connectionText(t, format, status);
  const failed = status.lastError !== null;
  const sending = status.catchUpProgress;
  const sub =
    sending !== null
      ? t('status.sendingPercent', { percent: format.percent(Math.round(sending * 100)) })
      : syncAgeText(t, format, status, statusAt);

  function closeOnEscape(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  }

  const state = status.online ? 'online' : 'offline';
  return (
    <div className="connection-area" ref={area} onKeyDown={closeOnEscape}>
      {/* Announced when it changes; the badge itself is a button, whose content is not read live. */}
      <p className="sr-only" role="status">
        {main}
      </p>
      <div className="connection-column">
        <button
          ref={toggle}
          type="button"
          className={failed ? `connection ${state} failed` : `connection ${state}`}
          data-testid="connection-status"
          aria-expanded={open}
          aria-controls={open ? 'sync-details' : undefined}
          onClick={() => setOpen(!open)}
        >
          <span className="connection-main">
            {failed && (
              <span className="connection-warning" aria-hidden="true">
                !
              </span>
            )}
            {main}
          </span>
          <span className="connection-sub" data-testid="connection-synced">
            {sub}
          </span>
          {status.refusedChanges > 0 && (
            <span className="connection-refused" data-testid="connection-refused">
              {t('status.refused', { count: format.number(status.refusedChanges) })}
            </span>
          )}
          {failed && <span className="sr-only">{t('status.lastTryFailed')}</span>}
          <span className="sr-only">{t('status.showDetails')}</span>
        </button>
        {sending !== null && <SyncProgress value={sending} />}
      </div>
      {status.enrolled && <SyncNowButton short />}
      {open && (
        <section
          id="sync-details"
          className="sync-details card"
          aria-label={t('status.details')}
          data-testid="sync-details"
        >
          <SyncFacts status={status} />
        </section>
      )}
    </div>
  );
}
