import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { locales } from '../../../shared/locale';
import { translate } from '../../../shared/i18n';
import { HeadOfficeSection } from '../components/settings/HeadOfficeSection';
import { BackupSection } from '../components/settings/BackupSection';
import { PrinterSection } from '../components/settings/PrinterSection';
import { TaxSection } from '../components/settings/TaxSection';
import { ManagerGate } from '../components/staff/ManagerGate';

/**
 * The terminal's language, its sales tax, its head-office enrollment and its facts. A manager's: a cashier needs
 * a manager's PIN to open it (enrolling with head office hands this till a credential).
 */
export function SettingsScreen() {
  const t = useT();
  const terminal = useAppStore((s) => s.terminal);
  const setLocale = useAppStore((s) => s.setLocale);
  const go = useAppStore((s) => s.go);
  if (!terminal) return null;
  return (
    <section aria-labelledby="settings-title" className="settings-screen">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <ManagerGate screen="settings">
        <fieldset className="card language-choice">
          <legend>{t('setup.language')}</legend>
          {locales.map((option) => (
            <button
              key={option}
              type="button"
              lang={option}
              className={option === terminal.locale ? 'choice active' : 'choice'}
              aria-pressed={option === terminal.locale}
              onClick={() => void setLocale(option)}
            >
              {translate(option, 'language.name')}
            </button>
          ))}
        </fieldset>
        <section className="card" aria-labelledby="settings-program">
          <h2 id="settings-program">{t('program.title')}</h2>
          <p className="hint">{t('settings.programExplain')}</p>
          <button
            type="button"
            className="primary"
            onClick={() => go('program')}
            aria-keyshortcuts="F7"
          >
            {t('settings.openProgram')} <kbd>F7</kbd>
          </button>
        </section>
        <TaxSection />
        <HeadOfficeSection />
        <PrinterSection />
        <BackupSection />
        <dl className="card facts">
          <dt>{t('setup.storeName')}</dt>
          <dd>{terminal.storeName}</dd>
          <dt>{t('setup.terminalName')}</dt>
          <dd>{terminal.terminalName}</dd>
          <dt>{t('settings.terminalNumber')}</dt>
          <dd>{terminal.terminalNumber}</dd>
          <dt>{t('setup.currency')}</dt>
          <dd>{terminal.currency}</dd>
          <dt>{t('setup.timeZone')}</dt>
          <dd>{terminal.timeZone}</dd>
          <dt>{t('setup.phoneCountry')}</dt>
          <dd>{t(`country.${terminal.phoneCountry}`)}</dd>
        </dl>
      </ManagerGate>
    </section>
  );
}
