import { useCallback, useState } from 'react';
import type { OfficeError } from '../api/officeApi';
import type { EnrollmentCodeView, StoreView } from '../../../shared/office/stores';
import type { TerminalView } from '../../../shared/office/terminals';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { CreateStoreForm } from '../stores/CreateStoreForm';
import { EnrollmentCodePanel } from '../stores/EnrollmentCodePanel';
import { TerminalTable } from '../stores/TerminalTable';

/** How often the page asks again, so "last seen" and "waiting" stay current on a wall screen. */
const REFRESH_MS = 15_000;

/** Stores, their enrollment codes and their terminals. */
export function StoresPage() {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const call = useOfficeApi();
  const [stores, setStores] = useState<StoreView[] | null>(null);
  const [terminals, setTerminals] = useState<TerminalView[]>([]);
  const [code, setCode] = useState<EnrollmentCodeView | null>(null);
  const [revoking, setRevoking] = useState<TerminalView | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);

  const [configVersion, setConfigVersion] = useState<number | null>(null);

  const fetchAll = useCallback(
    () => Promise.all([call('stores.list'), call('terminals.list'), call('config.get')]),
    [call],
  );
  const applyAll = useCallback(
    ([storeList, terminalList, config]: Awaited<ReturnType<typeof fetchAll>>) => {
      if (storeList.ok) setStores(storeList.value.stores);
      if (terminalList.ok) setTerminals(terminalList.value.terminals);
      if (config.ok) setConfigVersion(config.value.version);
      setError(storeList.ok ? (terminalList.ok ? null : terminalList.error) : storeList.error);
    },
    [],
  );
  const load = useLoader(fetchAll, applyAll, REFRESH_MS);

  async function newCode(store: StoreView) {
    const result = await call('stores.createEnrollmentCode', {
      params: { id: store.id },
      body: {},
    });
    if (result.ok) setCode(result.value);
    setError(result.ok ? null : result.error);
  }

  async function revoke(terminal: TerminalView) {
    setRevoking(null);
    const result = await call('terminals.revoke', { params: { id: terminal.id } });
    setError(result.ok ? null : result.error);
    await load();
  }

  return (
    <div className="office-page">
      <section className="card" aria-labelledby="stores-title">
        <div className="title-row">
          <h1 id="stores-title">{t('office.stores.title')}</h1>
          <button type="button" onClick={() => void load()}>
            {t('office.refresh')}
          </button>
        </div>
        <CreateStoreForm
          onCreated={(store) => {
            setStores((list) => [...(list ?? []), store]);
            void newCode(store);
          }}
        />
        <ErrorNotice error={error} />
        {stores === null ? (
          <p className="loading">{t('office.loading')}</p>
        ) : stores.length === 0 ? (
          <p className="empty">{t('office.stores.none')}</p>
        ) : (
          <ul className="office-store-list">
            {stores.map((store) => (
              <li key={store.id}>
                <span>
                  <strong>{store.name}</strong>{' '}
                  <span className="hint">
                    {t('office.stores.facts', {
                      terminals: format.number(store.terminals),
                      since: format.dateTime(store.createdAt),
                    })}
                  </span>
                </span>
                <button type="button" onClick={() => void newCode(store)}>
                  {t('office.stores.newCode')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {code && <EnrollmentCodePanel code={code} onDone={() => setCode(null)} />}
      <section className="card" aria-labelledby="terminals-title">
        <h2 id="terminals-title">{t('office.terminals.title')}</h2>
        <p className="hint">{t('office.terminals.hint')}</p>
        <TerminalTable terminals={terminals} configVersion={configVersion} onRevoke={setRevoking} />
      </section>
      {revoking && (
        <ConfirmDialog
          title={t('office.revoke.title', { name: revoking.name, number: revoking.number })}
          confirmLabel={t('office.terminals.revoke')}
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
        >
          <p>{t('office.revoke.body', { store: revoking.storeName })}</p>
          {revoking.outboxPending !== null && revoking.outboxPending > 0 && (
            <p className="field-error">
              {t('office.revoke.waiting', { count: format.number(revoking.outboxPending) })}
            </p>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
