import { useCallback, useState } from 'react';
import type { ProgramProposalView } from '../../../shared/office/proposals';
import type { Program } from '../../../shared/program';
import type { MessageKey } from '../../../shared/i18n';
import type { OfficeError } from '../api/officeApi';
import { useLoader } from '../api/useLoader';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';

/** The program's parts, as a proposal is told apart from the chain's program. */
const parts: Record<keyof Program, MessageKey> = {
  earn: 'office.proposals.part.earn',
  tiers: 'office.proposals.part.tiers',
  expiry: 'office.proposals.part.expiry',
  pending: 'office.proposals.part.pending',
  refunds: 'office.proposals.part.refunds',
  redemption: 'office.proposals.part.redemption',
  giftCards: 'office.proposals.part.giftCards',
  referrals: 'office.proposals.part.referrals',
  coupons: 'office.proposals.part.coupons',
  adjustments: 'office.proposals.part.adjustments',
  feedback: 'office.proposals.part.feedback',
  complaints: 'office.proposals.part.complaints',
};

/**
 * Programs store managers kept and sent to head office: adopting one makes it the chain's next
 * version (the proposing terminal then follows head office); setting it aside leaves that
 * terminal on its own program.
 */
export function ProgramProposals({ chain, onAdopted }: { chain: Program; onAdopted: () => void }) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const call = useOfficeApi();
  const [proposals, setProposals] = useState<ProgramProposalView[]>([]);
  const [error, setError] = useState<OfficeError | null>(null);
  const fetchAll = useCallback(() => call('config.proposals'), [call]);
  const apply = useCallback((result: Awaited<ReturnType<typeof fetchAll>>) => {
    if (result.ok) setProposals(result.value.proposals);
    setError(result.ok ? null : result.error);
  }, []);
  const load = useLoader(fetchAll, apply);

  async function decide(proposal: ProgramProposalView, adopt: boolean) {
    const params = { terminalId: proposal.terminalId, version: proposal.version };
    const result = adopt
      ? await call('config.adoptProposal', { params })
      : await call('config.dismissProposal', { params });
    setError(result.ok ? null : result.error);
    await load();
    if (result.ok && adopt) onAdopted();
  }

  if (proposals.length === 0 && !error) return null;
  return (
    <section className="card" aria-labelledby="office-proposals">
      <h2 id="office-proposals">{t('office.proposals.title')}</h2>
      <ErrorNotice error={error} />
      <ul className="office-proposals">
        {proposals.map((proposal) => {
          const differs = (Object.keys(parts) as (keyof Program)[]).filter(
            (part) => JSON.stringify(proposal.program[part]) !== JSON.stringify(chain[part]),
          );
          return (
            <li key={`${proposal.terminalId}:${proposal.version}`} data-testid="proposal">
              <p>
                {t('office.proposals.from', {
                  store: proposal.storeName,
                  terminal: proposal.terminalName,
                  at: format.dateTime(proposal.proposedAt),
                })}
              </p>
              <p className="hint">
                {differs.length === 0
                  ? t('office.proposals.same')
                  : t('office.proposals.differs', {
                      parts: differs.map((part) => t(parts[part])).join(t('office.proposals.sep')),
                    })}
              </p>
              <button type="button" className="primary" onClick={() => void decide(proposal, true)}>
                {t('office.proposals.adopt')}
              </button>
              <button type="button" onClick={() => void decide(proposal, false)}>
                {t('office.proposals.dismiss')}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
