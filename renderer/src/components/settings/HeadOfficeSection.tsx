import { useState } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { HeadOfficeEnrollForm, type Enrollment } from './HeadOfficeEnrollForm';
import { HeadOfficeConnection } from './HeadOfficeConnection';
import { ProgramOwnershipPanel } from '../program/ProgramOwnershipPanel';

/** Settings › Head office: enroll once with a one-time code, then see how the link is doing. */
export function HeadOfficeSection() {
  const t = useT();
  const status = useAppStore((s) => s.status);
  const [enrolled, setEnrolled] = useState<Enrollment | null>(null);
  return (
    <section className="card head-office" aria-labelledby="settings-head-office">
      <h2 id="settings-head-office">{t('headOffice.title')}</h2>
      {enrolled && (
        <p className="ok" role="status" data-testid="enrollment-result">
          {t('headOffice.enrolled', {
            storeName: enrolled.storeName,
            terminalNumber: enrolled.terminalNumber,
          })}{' '}
          {t('headOffice.enrolledShop', { shopName: enrolled.shopName })}
          {enrolled.cardPrefixBefore !== enrolled.cardPrefixAfter && (
            <>
              {' '}
              {t('headOffice.enrolledCards', {
                before: enrolled.cardPrefixBefore,
                after: enrolled.cardPrefixAfter,
              })}
            </>
          )}
        </p>
      )}
      {status?.enrolled ? (
        <>
          <HeadOfficeConnection status={status} />
          <ProgramOwnershipPanel />
        </>
      ) : (
        <HeadOfficeEnrollForm onEnrolled={setEnrolled} />
      )}
    </section>
  );
}
