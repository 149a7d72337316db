import { translate } from '../../../shared/i18n';
import { locales, type Locale } from '../../../shared/locale';
import { useOfficeT } from '../i18n/useOfficeT';
import { useOfficeStore } from '../store/officeStore';

/** Each language named in itself; the choice is remembered for the signed-in admin. */
export function LanguageSwitcher() {
  const t = useOfficeT();
  const locale = useOfficeStore((s) => s.locale);
  const chooseLanguage = useOfficeStore((s) => s.chooseLanguage);
  return (
    <label className="office-language">
      <span className="sr-only">{t('office.language')}</span>
      <select
        aria-label={t('office.language')}
        value={locale}
        onChange={(event) => void chooseLanguage(event.target.value as Locale)}
      >
        {locales.map((option) => (
          <option key={option} value={option}>
            {translate(option, 'language.name')}
          </option>
        ))}
      </select>
    </label>
  );
}
