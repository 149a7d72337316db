import { useEffect, useRef, type ReactNode } from 'react';
import { useOfficeT } from '../i18n/useOfficeT';

/** Asks before something that cannot be undone; Escape or Cancel steps back. */
export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const t = useOfficeT();
  const cancel = useRef<HTMLButtonElement>(null);
  const { onCancel } = props;
  useEffect(() => {
    cancel.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onCancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onCancel]);
  return (
    <div className="office-backdrop">
      <div
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="confirm-title"
        className="card office-dialog"
      >
        <h2 id="confirm-title">{props.title}</h2>
        {props.children}
        <div className="row">
          <button type="button" ref={cancel} onClick={props.onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className="danger" onClick={props.onConfirm}>
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
