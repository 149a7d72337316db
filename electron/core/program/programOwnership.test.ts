import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnrollmentResult, ProgramOwnership } from '../../../shared/domain';
import { defaultProgram, type Program } from '../../../shared/program';
import type { Database } from '../../../server/db/database';
import { createHeadOffice, type HeadOffice } from '../../../server/headOffice';
import { buildServer } from '../../../server/http/server';
import { testDatabases } from '../../../server/testing/databases';
import { hkSetup, MANAGER_PIN, openBlankCore, unwrap } from '../../../test/unit/helpers/terminal';
import { enrollTerminal } from '../sync/enrollTerminal';
import { SyncWorker } from '../sync/syncWorker';
import { httpTransport } from '../sync/transport';

/**
 * Issue 16 §6: a terminal that joins head office with a program of its own keeps it until its
 * manager chooses; adopting head office's or proposing its own loses nothing; afterwards the
 * program is managed by head office, and head office sees each terminal's drift. Real cores on
 * SQLite files, head office on PGlite behind the real HTTP server on loopback.
 */

let db: Database;
let headOffice: HeadOffice;
let url = '';
let close: () => Promise<void>;
const cores: ReturnType<typeof openBlankCore>[] = [];

beforeAll(async () => {
  db = await (testDatabases[0] as (typeof testDatabases)[number]).open();
  headOffice = await createHeadOffice(db);
  const app = await buildServer(headOffice, { rateLimit: { max: 100_000, timeWindowMs: 1_000 } });
  url = await app.listen({ host: '127.0.0.1', port: 0 });
  close = async () => {
    await app.close();
    await headOffice.close();
  };
}, 120_000);

afterAll(async () => {
  for (const core of cores) core.cleanup();
  await close();
});

const ownProgram = (points: number): Program => ({
  ...defaultProgram,
  earn: { ...defaultProgram.earn, points },
});

/** A terminal set up and, when `points` is given, with its manager's own earn rate. */
async function joinedTerminal(points: number | null, storeName: string) {
  const core = openBlankCore();
  cores.push(core);
  unwrap(core.dispatch('terminal.setup', hkSetup));
  if (points !== null) {
    unwrap(
      core.dispatch('program.update', { program: ownProgram(points), managerPin: MANAGER_PIN }),
    );
  }
  const store = await headOffice.admin.createStore('test', { name: storeName });
  if (!store.ok) throw new Error(store.error.message);
  const code = await headOffice.admin.createEnrollmentCode('test', store.value.id, {});
  if (!code.ok) throw new Error(code.error.message);
  const enrolled: EnrollmentResult = await enrollTerminal(
    core.ctx,
    httpTransport(url),
    core.credentials,
    { serverUrl: url, code: code.value.code },
  );
  const worker = new SyncWorker(core.ctx, {
    transport: httpTransport(url),
    credentials: core.credentials,
  });
  const sync = async () => expect(await worker.runOnce()).toBe('synced');
  const ownership = () => unwrap(core.dispatch('program.ownership', {})) as ProgramOwnership;
  const program = () => unwrap(core.dispatch('program.get', {})) as Program;
  return { core, enrolled, sync, ownership, program };
}

async function setChainProgram(points: number, storeOverrides = false) {
  const current = await headOffice.admin.getConfig();
  if (!current.ok) throw new Error('no config');
  const set = await headOffice.admin.setConfig('test', {
    program: ownProgram(points),
    offlineRedemption: current.value.offlineRedemption,
    storeOverrides,
  });
  if (!set.ok) throw new Error(set.error.message);
  return set.value.version;
}

async function terminalRow(terminalNumber: number) {
  const list = await headOffice.admin.listTerminals();
  if (!list.ok) throw new Error('no terminals');
  return list.value.terminals.find((t) => t.number === terminalNumber);
}

describe('program ownership when a terminal joins head office', () => {
  it('enrolling keeps the shop name on receipts and says how card numbers change', async () => {
    const till = await joinedTerminal(null, 'HO name for Causeway Bay');
    const info = unwrap(till.core.dispatch('terminal.info', {})) as { storeName: string };
    expect(info.storeName).toBe(hkSetup.storeName);
    expect(till.enrolled.shopName).toBe(hkSetup.storeName);
    expect(till.enrolled.storeName).toBe('HO name for Causeway Bay');
    expect(till.enrolled.cardPrefixAfter).toBe(`2 ${till.enrolled.terminalNumber}`);
    expect(till.enrolled.cardPrefixBefore).toMatch(/^2 \d{5}$/);
  });

  it('a terminal still on the untouched default program follows head office at once', async () => {
    const version = await setChainProgram(3);
    const till = await joinedTerminal(null, 'Wan Chai');
    await till.sync();
    expect(till.program().earn.points).toBe(3);
    expect(till.ownership()).toMatchObject({ owner: 'head_office', offer: null });
    await till.sync();
    const row = await terminalRow(till.enrolled.terminalNumber);
    expect(row?.program).toMatchObject({ owner: 'head_office', headOfficeVersion: version });
  });

  it("keeps its own program until the manager adopts head office's; the old one stays in the audit log", async () => {
    const chainVersion = await setChainProgram(4);
    const till = await joinedTerminal(2, 'Tsim Sha Tsui');
    await till.sync();
    // Held, not applied: sales still earn by the terminal's own program.
    expect(till.program().earn.points).toBe(2);
    const waiting = till.ownership();
    expect(waiting.owner).toBe('terminal');
    expect(waiting.offer?.version).toBe(chainVersion);
    expect(waiting.offer?.ours).toContainEqual(
      expect.objectContaining({ path: 'earn.points', value: 2 }),
    );
    expect(waiting.offer?.headOffice).toContainEqual(
      expect.objectContaining({ path: 'earn.points', value: 4 }),
    );
    await till.sync();
    expect((await terminalRow(till.enrolled.terminalNumber))?.program).toMatchObject({
      owner: 'terminal',
      headOfficeVersion: null,
      offerWaiting: true,
    });

    // A wrong PIN or a stale version changes nothing.
    const wrongPin = till.core.dispatch('program.adopt', {
      version: chainVersion,
      managerPin: '9999',
    });
    expect(wrongPin.ok ? null : wrongPin.error.code).toBe('wrong_pin');
    const stale = till.core.dispatch('program.adopt', {
      version: chainVersion + 1,
      managerPin: MANAGER_PIN,
    });
    expect(stale.ok ? null : stale.error.code).toBe('program_offer_gone');
    expect(till.program().earn.points).toBe(2);

    const adopted = unwrap(
      till.core.dispatch('program.adopt', { version: chainVersion, managerPin: MANAGER_PIN }),
    ) as ProgramOwnership;
    expect(adopted).toMatchObject({ owner: 'head_office', offer: null });
    expect(till.program().earn.points).toBe(4);
    const audit = unwrap(
      till.core.dispatch('audit.search', { managerPin: MANAGER_PIN, action: 'program.adopt' }),
    ) as { entries: { before: { path: string; value: unknown }[] | null }[] };
    expect(audit.entries[0]?.before).toContainEqual(
      expect.objectContaining({ path: 'earn.points', value: 2 }),
    );

    // Managed by head office from now on: a local change is refused and writes nothing.
    const refused = till.core.dispatch('program.update', {
      program: ownProgram(9),
      managerPin: MANAGER_PIN,
    });
    expect(refused.ok ? null : refused.error.code).toBe('program_managed_by_head_office');
    expect(till.program().earn.points).toBe(4);

    // Until head office allows store overrides.
    await setChainProgram(4, true);
    await till.sync();
    expect(till.ownership().storeOverrides).toBe(true);
    unwrap(
      till.core.dispatch('program.update', { program: ownProgram(5), managerPin: MANAGER_PIN }),
    );
    expect(till.program().earn.points).toBe(5);
  });

  it('a proposal reaches head office; adopted there, the terminal follows head office', async () => {
    await setChainProgram(6);
    const till = await joinedTerminal(7, 'Mong Kok');
    await till.sync();
    const offer = till.ownership().offer;
    expect(offer).not.toBeNull();
    const proposed = unwrap(
      till.core.dispatch('program.propose', {
        version: offer?.version ?? 0,
        managerPin: MANAGER_PIN,
      }),
    ) as ProgramOwnership;
    expect(proposed).toMatchObject({ owner: 'terminal', offer: null });
    expect(proposed.proposedVersion).not.toBeNull();
    expect(till.program().earn.points).toBe(7);
    await till.sync();

    const list = await headOffice.admin.programProposals();
    if (!list.ok) throw new Error('no proposals');
    const mine = list.value.proposals.find((p) => p.storeName === 'Mong Kok');
    expect(mine?.program.earn.points).toBe(7);
    if (!mine) return;
    // An unknown proposal is refused and changes nothing.
    const before = await headOffice.admin.getConfig();
    const unknown = await headOffice.admin.adoptProgramProposal('test', {
      terminalId: mine.terminalId,
      version: String(mine.version + 100),
    });
    expect(unknown.ok).toBe(false);
    const after = await headOffice.admin.getConfig();
    expect(after.ok && before.ok && after.value.version).toBe(before.ok && before.value.version);

    const adopted = await headOffice.admin.adoptProgramProposal('test', {
      terminalId: mine.terminalId,
      version: String(mine.version),
    });
    expect(adopted.ok && adopted.value.program.earn.points).toBe(7);
    const again = await headOffice.admin.adoptProgramProposal('test', {
      terminalId: mine.terminalId,
      version: String(mine.version),
    });
    expect(again.ok).toBe(false);

    await till.sync();
    expect(till.ownership()).toMatchObject({ owner: 'head_office', offer: null });
    expect(till.program().earn.points).toBe(7);
  });
});
