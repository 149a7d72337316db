import type { MessageKey } from '../../../shared/i18n';
import type { ConfigVersion } from '../../../shared/office/config';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';

/** Who set a version when no admin did, as head office records it (server/admin/programConfig.ts). */
const systemAuthors: Record<string, MessageKey> = {
  'head office defaults': 'office.program.byDefaults',
  'head office upgrade': 'office.program.byUpgrade',
};

/** Every version set, newest first: terminals adopt the newest on their next pull. */
export function ConfigHistory({ versions }: { versions: ConfigVersion[] }) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const author = (name: string) => {
    const key = systemAuthors[name];
    return key ? t(key) : name;
  };
  return (
    <section className="card" aria-labelledby="office-history">
      <h2 id="office-history">{t('office.program.history')}</h2>
      {versions.length === 0 ? (
        <p className="empty">{t('office.program.noHistory')}</p>
      ) : (
        <ol className="office-history" reversed>
          {versions.map((version) => (
            <li key={version.version} data-version={version.version}>
              {t('office.program.versionLine', {
                version: version.version,
                name: author(version.updatedBy),
                at: format.dateTime(version.updatedAt),
              })}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
