import type { TerminalView } from '../../../shared/office/terminals';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';

/** Every terminal of the chain, by store: when it last reached head office and what it still holds. */
export function TerminalTable(props: {
  terminals: TerminalView[];
  /** The chain's current configuration version, to show which terminals lag behind it. */
  configVersion: number | null;
  onRevoke: (terminal: TerminalView) => void;
}) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  if (props.terminals.length === 0) return <p className="empty">{t('office.terminals.none')}</p>;
  return (
    <table className="program-table office-table" aria-label={t('office.terminals.title')}>
      <thead>
        <tr>
          <th>{t('office.terminals.store')}</th>
          <th>{t('office.terminals.name')}</th>
          <th>{t('office.terminals.number')}</th>
          <th>{t('office.terminals.version')}</th>
          <th>{t('office.terminals.lastSeen')}</th>
          <th className="num">{t('office.terminals.waiting')}</th>
          <th>{t('office.terminals.program')}</th>
          <th>{t('office.terminals.state')}</th>
          <th>
            <span className="sr-only">{t('common.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.terminals.map((terminal) => (
          <tr key={terminal.id} data-terminal={terminal.number}>
            <td>{terminal.storeName}</td>
            <td>{terminal.name}</td>
            <td>{terminal.number}</td>
            <td>{terminal.appVersion}</td>
            <td data-testid="last-seen">
              {terminal.lastSeenAt
                ? format.dateTime(terminal.lastSeenAt)
                : t('office.terminals.never')}
            </td>
            <td className="num" data-testid="waiting">
              {terminal.outboxPending === null ? '—' : format.number(terminal.outboxPending)}
            </td>
            <td data-testid="program-drift">
              <ProgramDrift program={terminal.program} configVersion={props.configVersion} />
            </td>
            <td>
              {terminal.revokedAt
                ? t('office.terminals.revokedBy', {
                    name: terminal.revokedBy ?? '',
                    at: format.dateTime(terminal.revokedAt),
                  })
                : t('office.terminals.active')}
            </td>
            <td>
              {!terminal.revokedAt && (
                <button type="button" className="danger" onClick={() => props.onRevoke(terminal)}>
                  {t('office.terminals.revoke')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Whose program a terminal prices with, and how far it is from the chain's current version. */
function ProgramDrift({
  program,
  configVersion,
}: {
  program: TerminalView['program'];
  configVersion: number | null;
}) {
  const t = useOfficeT();
  if (!program) return <>—</>;
  if (program.owner === 'terminal') {
    return (
      <span className="warn">
        {program.offerWaiting
          ? t('office.terminals.programOwnWaiting', { version: program.version })
          : t('office.terminals.programOwn', { version: program.version })}
      </span>
    );
  }
  const follows = program.headOfficeVersion;
  if (follows !== null && configVersion !== null && follows < configVersion) {
    return (
      <span className="warn">
        {t('office.terminals.programBehind', { version: follows, current: configVersion })}
      </span>
    );
  }
  return <>{t('office.terminals.programFollows', { version: follows ?? configVersion ?? 0 })}</>;
}
