import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Member } from '../../../shared/domain';
import { HybridClock } from '../../../shared/hlc';
import { uuidv7 } from '../../../shared/ids';
import {
  consentAnswers,
  consentChannels,
  consentPurposes,
  currentConsent,
  type ConsentEvent,
} from '../../../shared/rules/consent';
import type { Database } from '../../../server/db/database';
import { createHeadOffice, type HeadOffice } from '../../../server/headOffice';
import { buildServer } from '../../../server/http/server';
import { testDatabases } from '../../../server/testing/databases';
import { appendConsentEvents, consentEventsOf } from '../../../server/consent/consentLedger';
import { hkSetup, openBlankCore, unwrap } from '../../../test/unit/helpers/terminal';
import { enrollTerminal } from '../sync/enrollTerminal';
import { SyncWorker } from '../sync/syncWorker';
import { httpTransport } from '../sync/transport';

/**
 * Issue 14 §4: for any interleaving of consent answers recorded at several terminals (real
 * cores on SQLite files, in three stores) and at head office (PGlite behind the real HTTP server
 * on loopback), with syncs at any point, every node ends with the same standing answer per
 * channel and purpose once each has synced twice, and that answer is the shared rule applied to
 * every event head office holds.
 */

const TERMINALS = 3;
let db: Database;
let headOffice: HeadOffice;
let close: () => Promise<void>;
type Core = ReturnType<typeof openBlankCore>;
let tills: { core: Core; worker: SyncWorker }[] = [];
const officeClock = new HybridClock('head-office');
let members = 0;

beforeAll(async () => {
  db = await (testDatabases[0] as (typeof testDatabases)[number]).open();
  headOffice = await createHeadOffice(db);
  const app = await buildServer(headOffice, { rateLimit: { max: 100_000, timeWindowMs: 1_000 } });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  close = async () => {
    await app.close();
    await headOffice.close();
  };
  for (const [i, name] of ['Central', 'Sha Tin', 'Mong Kok'].slice(0, TERMINALS).entries()) {
    const store = await headOffice.admin.createStore('test', { name });
    if (!store.ok) throw new Error(store.error.message);
    const code = await headOffice.admin.createEnrollmentCode('test', store.value.id, {});
    if (!code.ok) throw new Error(code.error.message);
    // Set up from blank, not from the shared template: each terminal's own operation ids.
    const core = openBlankCore();
    unwrap(core.dispatch('terminal.setup', hkSetup));
    const credentials = core.credentials;
    await enrollTerminal(core.ctx, httpTransport(url), credentials, {
      serverUrl: url,
      code: code.value.code,
    });
    tills.push({
      core,
      worker: new SyncWorker(core.ctx, { transport: httpTransport(url), credentials }),
    });
    expect(i).toBeLessThan(TERMINALS);
  }
}, 120_000);

afterAll(async () => {
  for (const till of tills) till.core.cleanup();
  tills = [];
  await close();
});

async function sync(index: number): Promise<void> {
  const outcome = await (tills[index] as (typeof tills)[number]).worker.runOnce();
  expect(outcome).toBe('synced');
}

/** Mostly a few pairs, so that answers at different nodes often meet on one pair. */
const pair = {
  channel: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('sms' as const, 'email' as const) },
    { weight: 1, arbitrary: fc.constantFrom(...consentChannels) },
  ),
  purpose: fc.oneof(
    { weight: 4, arbitrary: fc.constant('marketing' as const) },
    { weight: 1, arbitrary: fc.constantFrom(...consentPurposes) },
  ),
  answer: fc.constantFrom(...consentAnswers),
};
const step = fc.oneof(
  fc.record({ at: fc.integer({ min: 0, max: TERMINALS - 1 }), ...pair }),
  fc.record({ at: fc.constant('office' as const), ...pair }),
  fc.record({ sync: fc.integer({ min: 0, max: TERMINALS - 1 }) }),
);

function standingAt(core: Core, memberId: string): string[] {
  return (
    core.db
      .prepare(
        `SELECT channel || ':' || purpose || '=' || answer || ' ' || event_id AS s
         FROM consent_current WHERE member_id = ? ORDER BY channel, purpose`,
      )
      .all(memberId) as { s: string }[]
  ).map((r) => r.s);
}

async function standingAtOffice(memberId: string): Promise<string[]> {
  const { rows } = await db.query<{ s: string }>(
    `SELECT channel || ':' || purpose || '=' || answer || ' ' || event_id AS s
     FROM consent_current WHERE member_id = $1 ORDER BY channel COLLATE "C", purpose COLLATE "C"`,
    [memberId],
  );
  return rows.map((r) => r.s);
}

describe('consent converges across terminals and head office', () => {
  it('for any interleaving of answers and syncs, every node ends with the same state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        // A fresh member for each run, enrolled at the first store and known everywhere.
        const first = (tills[0] as (typeof tills)[number]).core;
        const phone = `9123 ${String(++members).padStart(4, '0')}`;
        const member = unwrap(
          first.dispatch('member.enroll', { name: 'Chan', phone, marketingConsent: true }),
        ) as Member;
        for (let i = 0; i < TERMINALS; i++) await sync(i);

        for (const s of steps) {
          if ('sync' in s) {
            await sync(s.sync);
          } else if (s.at === 'office') {
            const event: ConsentEvent = {
              id: uuidv7(),
              memberId: member.id,
              channel: s.channel,
              purpose: s.purpose,
              answer: s.answer,
              at: new Date().toISOString(),
              hlc: officeClock.tick(),
              origin: 'head_office',
              storeId: null,
              terminalId: null,
              staffId: null,
              method: 'unsubscribe',
              wordingVersion: null,
              language: 'en',
            };
            await db.transaction((tx) =>
              appendConsentEvents(tx, [event], new Date().toISOString(), null),
            );
          } else {
            const core = (tills[s.at] as (typeof tills)[number]).core;
            unwrap(
              core.dispatch('consent.record', {
                memberId: member.id,
                consent: {
                  method: 'display_tap',
                  language: 'en',
                  answers: [
                    {
                      channel: s.channel,
                      purpose: s.purpose,
                      answer: s.answer,
                      wordingVersion: 1,
                    },
                  ],
                },
              }),
            );
          }
        }
        // Everyone pushes, then everyone pulls what the others pushed.
        for (let round = 0; round < 2; round++) {
          for (let i = 0; i < TERMINALS; i++) await sync(i);
        }

        const office = await standingAtOffice(member.id);
        const rule = currentConsent(await consentEventsOf(db, member.id)).map(
          (c) => `${c.channel}:${c.purpose}=${c.answer} ${c.eventId}`,
        );
        expect([...office].sort()).toEqual([...rule].sort());
        for (const till of tills) {
          expect([...standingAt(till.core, member.id)].sort()).toEqual([...office].sort());
        }
      }),
      { numRuns: 12 },
    );
  }, 600_000);
});
