import { useCallback, useState } from 'react';
import type { StoreView } from '../../../shared/office/stores';
import { mayCall } from '../../../shared/office/roleAccess';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';
import { ComplaintQueue } from '../voice/ComplaintQueue';
import { VoiceDashboardPanel } from '../voice/VoiceDashboardPanel';

/**
 * Customer voice at head office (issue 13 §4): the complaints queue for those who may see
 * complaints (they name customers), the dashboard for those who may see chain figures.
 */
export function VoicePage() {
  const t = useOfficeT();
  const call = useOfficeApi();
  const role = useOfficeStore((s) => (s.session?.signedIn ? s.session.user.role : 'analyst'));
  const [stores, setStores] = useState<StoreView[]>([]);
  const fetchStores = useCallback(() => call('stores.list', {}), [call]);
  const applyStores = useCallback((result: Awaited<ReturnType<typeof fetchStores>>) => {
    if (result.ok) setStores(result.value.stores);
  }, []);
  useLoader(fetchStores, applyStores);
  return (
    <div className="office-page">
      <h1>{t('office.voice.title')}</h1>
      {mayCall(role, 'complaints.list') && <ComplaintQueue stores={stores} />}
      {mayCall(role, 'voice.dashboard') && <VoiceDashboardPanel stores={stores} />}
    </div>
  );
}
