import { useState, type FormEvent } from 'react';
import type { OfficeError } from '../api/officeApi';
import type { StoreView } from '../../../shared/office/stores';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeT } from '../i18n/useOfficeT';

export function CreateStoreForm({ onCreated }: { onCreated: (store: StoreView) => void }) {
  const t = useOfficeT();
  const call = useOfficeApi();
  const [name, setName] = useState('');
  const [error, setError] = useState<OfficeError | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = await call('stores.create', { body: { name } });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setName('');
    onCreated(result.value);
  }

  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <label>
        {t('office.stores.newName')}
        <input
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
          required
        />
      </label>
      <button type="submit">{t('office.stores.create')}</button>
      <ErrorNotice error={error} />
    </form>
  );
}
