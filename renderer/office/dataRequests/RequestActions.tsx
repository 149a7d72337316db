import { useState } from 'react';
import type { DataRequestView } from '../../../shared/office/dataRequests';
import { officeUrl, type OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useOfficeT } from '../i18n/useOfficeT';

/**
 * What can be done with one request: export the member's data, move an access or correction
 * request on, and approve or reject an erasure (approval asks first: it cannot be undone).
 */
export function RequestActions(props: {
  request: DataRequestView;
  onChanged: () => void;
  onError: (error: OfficeError | null) => void;
}) {
  const { request, onChanged, onError } = props;
  const t = useOfficeT();
  const call = useOfficeApi();
  const [confirming, setConfirming] = useState(false);
  const open = request.status === 'open' || request.status === 'in_progress';

  async function move(status: 'in_progress' | 'completed' | 'rejected') {
    const result = await call('dataRequests.setStatus', {
      params: { id: request.id },
      body: { status },
    });
    onError(result.ok ? null : result.error);
    if (result.ok) onChanged();
  }

  async function approve() {
    setConfirming(false);
    const result = await call('dataRequests.approveErasure', { params: { id: request.id } });
    onError(result.ok ? null : result.error);
    if (result.ok) onChanged();
  }

  return (
    <div className="row">
      {request.kind !== 'erasure' && request.status !== 'rejected' && (
        <>
          <a
            className="button"
            href={officeUrl('members.export', { params: { id: request.memberId }, query: {} })}
            download
          >
            {t('office.dataRequests.export')}
          </a>
          <a
            className="button"
            href={officeUrl('members.export', {
              params: { id: request.memberId },
              query: { format: 'pdf' },
            })}
            download
          >
            {t('office.dataRequests.exportPdf')}
          </a>
        </>
      )}
      {open && request.status === 'open' && request.kind !== 'erasure' && (
        <button type="button" onClick={() => void move('in_progress')}>
          {t('office.dataRequests.start')}
        </button>
      )}
      {open && request.kind !== 'erasure' && (
        <button type="button" onClick={() => void move('completed')}>
          {t('office.dataRequests.complete')}
        </button>
      )}
      {open && request.kind === 'erasure' && (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          {t('office.dataRequests.approve')}
        </button>
      )}
      {open && (
        <button type="button" onClick={() => void move('rejected')}>
          {t('office.dataRequests.reject')}
        </button>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('office.dataRequests.approve')}
          confirmLabel={t('office.dataRequests.approve')}
          onConfirm={() => void approve()}
          onCancel={() => setConfirming(false)}
        >
          <p>{t('office.dataRequests.approveConfirm')}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
