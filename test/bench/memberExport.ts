/**
 * member_export: one member's data-subject export (issue 14 §2) at head office, on PGlite, for a
 * member with `sales` sales (default 5,000) among another member's interleaved ones, through our
 * code (privacy.exportMember: parse, one repeatable-read snapshot, every section), against the
 * bare statement reading the same member's sales rows, in the same run. Target: p50 ≤ 2 s.
 * The data goes in through the real push, 500 operations a batch, as terminals send it.
 */
import { openPglite } from '../../server/db/pglite';
import { createHeadOffice } from '../../server/headOffice';
import {
  TerminalScript,
  TestClock,
  enrollTerminal,
  pushOk,
} from '../../server/testing/terminalScript';
import { Sample, elapsedMs, type BenchResult } from './stats';

const TARGET_MS = 2000;
const BATCH = 500;
const ROUNDS = 7;

export async function benchMemberExport(
  sales: number,
  progress: (message: string) => void,
): Promise<BenchResult> {
  const db = await openPglite();
  try {
    const clock = new TestClock();
    const headOffice = await createHeadOffice(db, { now: clock.now });
    const till = new TerminalScript(
      await enrollTerminal(headOffice, { storeName: 'Central' }),
      clock,
    );
    const member = till.enrollMember({ name: 'Chan Tai Man', phoneE164: '+85291234567' }).memberId;
    const other = till.enrollMember({ name: 'Wong Siu Ming', phoneE164: '+85298765432' }).memberId;
    let pushed = 0;
    for (let i = 0; i < sales; i++) {
      till.sale({ memberId: member, earn: 10 });
      if (i % 4 === 0) till.sale({ memberId: other, earn: 5 });
      if (till.outbox.length - pushed >= BATCH || i === sales - 1) {
        await pushOk(headOffice, till, till.outbox.slice(pushed));
        pushed = till.outbox.length;
        progress(`member_export: ${i + 1} of ${sales} sales pushed`);
      }
    }
    const ours = new Sample();
    const bare = new Sample();
    let sections = 0;
    for (let round = 0; round < ROUNDS; round++) {
      let started = process.hrtime.bigint();
      const exported = await headOffice.privacy.exportMember(member);
      const ms = elapsedMs(started);
      ours.add(ms);
      ours.addRound(1, ms);
      if (!exported.ok) throw new Error(exported.error.message);
      sections = exported.value.sections.length;
      started = process.hrtime.bigint();
      await db.query('SELECT * FROM sale WHERE member_id = $1 ORDER BY recorded_at, id', [member]);
      const bareMs = elapsedMs(started);
      bare.add(bareMs);
      bare.addRound(1, bareMs);
    }
    const summary = ours.summary();
    return {
      name: 'member_export',
      ours: summary,
      baseline: bare.summary(),
      target: `p50 ≤ ${TARGET_MS} ms`,
      met: summary.p50Ms <= TARGET_MS,
      notes: [
        `${sales.toLocaleString('en')} sales of one member (and a quarter as many of another), ${sections} sections, PGlite in memory; baseline: the bare SELECT of the member's sales`,
      ],
      figures: { sales, sections },
    };
  } finally {
    await db.close();
  }
}
