import { beforeEach, describe, expect, it } from 'vitest';
import type { HeadOffice } from '../headOffice';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import type { TestClock } from '../testing/terminalScript';
import { enrollTerminal, pushOk, TerminalScript } from '../testing/terminalScript';

/**
 * A terminal restored from a backup asks for its own operations after a seq: head office answers
 * them in seq order, as applied, a page at a time, with the terminal's high-water mark, and never
 * another terminal's.
 */
describe.each(testDatabases)('own operations on $name', (testDb) => {
  const fresh = headOfficePerTest(testDb);
  let headOffice: HeadOffice;
  let clock: TestClock;

  beforeEach(async () => {
    ({ headOffice, clock } = await fresh.fresh());
  });

  it('gives back a terminal its own operations after a seq, a page at a time', async () => {
    const till = new TerminalScript(await enrollTerminal(headOffice), clock);
    const other = new TerminalScript(
      await enrollTerminal(headOffice, { terminalName: 'Till 2' }),
      clock,
    );
    const member = till.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    for (let i = 0; i < 4; i++) till.sale({ memberId: member.memberId, earn: 10 + i });
    await pushOk(headOffice, till);
    other.sale({ memberId: null, earn: 0 });
    await pushOk(headOffice, other);

    const first = await headOffice.ownOperations(till.terminal.auth, { after: 1, limit: 2 });
    if (!first.ok) throw new Error(first.error.message);
    expect(first.value.operations.map((op) => op.seq)).toEqual([2, 3]);
    expect(first.value.operations.map((op) => op.opId)).toEqual(
      till.outbox.slice(1, 3).map((op) => op.opId),
    );
    expect(first.value.operations[0]?.payload).toEqual(till.outbox[1]?.payload);
    expect(first.value.highWaterMark).toBe(5);
    expect(first.value.hasMore).toBe(true);
    expect(first.value.lastSeenAt).not.toBeNull();
    // This script never says what is waiting in its outbox.
    expect(first.value.pendingAtLastSeen).toBeNull();

    const rest = await headOffice.ownOperations(till.terminal.auth, { after: 3, limit: 500 });
    if (!rest.ok) throw new Error(rest.error.message);
    expect(rest.value.operations.map((op) => op.seq)).toEqual([4, 5]);
    expect(rest.value.hasMore).toBe(false);

    const theirs = await headOffice.ownOperations(other.terminal.auth, { after: 0, limit: 500 });
    if (!theirs.ok) throw new Error(theirs.error.message);
    expect(theirs.value.operations.map((op) => op.opId)).toEqual(other.outbox.map((op) => op.opId));
  });

  it('refuses a request outside its schema', async () => {
    const till = new TerminalScript(await enrollTerminal(headOffice), clock);
    for (const body of [
      {},
      { after: -1, limit: 10 },
      { after: 0, limit: 501 },
      { after: 0, limit: 10, x: 1 },
    ]) {
      const answer = await headOffice.ownOperations(till.terminal.auth, body);
      expect(answer.ok, JSON.stringify(body)).toBe(false);
    }
  });
});
