import { useState, type FormEvent } from 'react';
import { dataRequestKinds, type DataRequestKind } from '../../../shared/office/dataRequests';
import type { OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeT } from '../i18n/useOfficeT';

/** Logs a request a member made: which kind, whose, when it arrived, and a note. */
export function LogRequestForm({ onLogged }: { onLogged: () => void }) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [kind, setKind] = useState<DataRequestKind>('access');
  const [memberId, setMemberId] = useState('');
  const [receivedOn, setReceivedOn] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<OfficeError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await call('dataRequests.create', {
      body: {
        kind,
        memberId: memberId.trim(),
        ...(receivedOn ? { receivedOn } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
    });
    setError(result.ok ? null : result.error);
    if (!result.ok) return;
    setMemberId('');
    setNote('');
    onLogged();
  }

  return (
    <form
      className="row"
      onSubmit={(event) => void submit(event)}
      aria-label={t('office.dataRequests.log')}
    >
      <label>
        {t('office.dataRequests.kind')}
        <select value={kind} onChange={(e) => setKind(e.target.value as DataRequestKind)}>
          {dataRequestKinds.map((option) => (
            <option key={option} value={option}>
              {t(`office.dataRequests.kind.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('office.dataRequests.member')}
        <input value={memberId} onChange={(e) => setMemberId(e.target.value)} required />
      </label>
      <label>
        {t('office.dataRequests.receivedOn')}
        <input type="date" value={receivedOn} onChange={(e) => setReceivedOn(e.target.value)} />
      </label>
      <label>
        {t('office.dataRequests.note')}
        <input value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
      </label>
      <button type="submit" className="primary">
        {t('office.dataRequests.log')}
      </button>
      <ErrorNotice error={error} />
    </form>
  );
}
