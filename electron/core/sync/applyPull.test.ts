import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionStatus, Member } from '../../../shared/domain';
import { defaultProgram } from '../../../shared/program';
import { encodeHlc } from '../../../shared/hlc';
import type { PulledMember, PullResponse } from '../../../shared/sync/protocol';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import { applyPullPage } from './applyPull';

/**
 * Pulled members against edits made on this terminal. Head office keeps the last writer per
 * field; the terminal must end up with exactly head office's values once nothing is pending.
 */

// After the set-up template's own clock stamps, which were taken from the real clock.
const NOW = Date.now() + 86_400_000;
const memberId = '01a199e2-8f09-78f0-a94f-87739f1d3ed9';
const otherId = '01a199c5-3824-7094-be53-a0a91650f7f1';
const at = (ms: number) => encodeHlc({ ms, counter: 0, node: otherId });

function member(fields: Partial<PulledMember>): PulledMember {
  return {
    id: memberId,
    cardNumber: '2408320000041',
    name: 'Hoi Yan Ng',
    phoneE164: '+85291234567',
    email: null,
    birthday: null,
    marketingConsent: false,
    consentAt: null,
    enrolledAt: '2026-11-01T01:00:00.000Z',
    enrolledStoreId: otherId,
    enrolledStoreName: 'Central',
    enrolledTerminalId: otherId,
    referralCode: null,
    mergedInto: null,
    hlc: at(NOW - 60_000),
    ...fields,
  };
}

let cursor = 0;
function page(data: PulledMember, terminalHighWaterMark = 0): PullResponse {
  cursor += 1;
  return {
    stream: 'members',
    items: [{ seq: cursor, stream: 'members', data }],
    cursor,
    hasMore: false,
    terminalHighWaterMark,
    serverTime: new Date(NOW).toISOString(),
  };
}

const cores: TestCore[] = [];
function till(): TestCore {
  const core = openTestCore({ now: () => NOW });
  cores.push(core);
  cursor = 0;
  return core;
}
afterEach(() => {
  while (cores.length > 0) cores.pop()?.cleanup();
});

const shown = (core: TestCore) => unwrap(core.dispatch('member.get', { memberId })) as Member;

describe('pulling members', () => {
  it('takes a field that head office changed with a clock older than the member’s latest edit', () => {
    const core = till();
    // Another store's email edit (the newest clock) reaches head office first...
    applyPullPage(core.db, page(member({ email: 'new@example.com', hlc: at(NOW - 1_000) })));
    // ...then a birthday edit made earlier elsewhere arrives and wins its own field.
    applyPullPage(
      core.db,
      page(member({ email: 'new@example.com', birthday: '1990-02-03', hlc: at(NOW - 1_000) })),
    );
    expect(shown(core).birthday).toBe('1990-02-03');
  });

  it('keeps an edit made here that head office has not counted and that is newer than its view', () => {
    const core = till();
    applyPullPage(core.db, page(member({})));
    unwrap(core.dispatch('member.update', { memberId, name: 'Local Name' }));
    applyPullPage(core.db, page(member({ email: 'x@example.com', hlc: at(NOW - 30_000) })));
    expect(shown(core)).toMatchObject({ name: 'Local Name', email: 'x@example.com' });

    // Once head office has counted the edit, its view is taken whatever it says.
    const mark = (core.db.prepare('SELECT max(seq) AS seq FROM outbox').get() as { seq: number })
      .seq;
    applyPullPage(
      core.db,
      page(member({ name: 'Head Office Name', email: 'x@example.com', hlc: at(NOW + 5) }), mark),
    );
    expect(shown(core).name).toBe('Head Office Name');
  });

  it('takes head office’s value over an uncounted edit here that is older than its view', () => {
    const core = till();
    applyPullPage(core.db, page(member({})));
    unwrap(core.dispatch('member.update', { memberId, name: 'Local Name' }));
    // Head office already holds a later name; the edit made here will lose there, and head
    // office will not announce the member again for it, so its value must be taken now.
    applyPullPage(core.db, page(member({ name: 'Later Name', hlc: at(NOW + 60_000) })));
    expect(shown(core).name).toBe('Later Name');
  });
});

describe('the program version in the status', () => {
  const programVersion = (core: TestCore) =>
    (unwrap(core.dispatch('terminal.status', {})) as ConnectionStatus).programVersion;

  it('moves when head office’s new program arrives, and not when the same one comes again', () => {
    const core = till();
    const before = programVersion(core);
    const config = (version: number, points: number): PullResponse => {
      cursor += 1;
      return {
        stream: 'config',
        items: [
          {
            seq: cursor,
            stream: 'config',
            data: {
              program: { ...defaultProgram, earn: { ...defaultProgram.earn, points } },
              offlineRedemption: {
                maxPointsPerSaleOffline: 2000,
                maxPointsPerMemberOffline: 5000,
                maxOfflineHours: 72,
              },
              version,
              updatedAt: new Date(NOW).toISOString(),
            },
          },
        ],
        cursor,
        hasMore: false,
        terminalHighWaterMark: 0,
        serverTime: new Date(NOW).toISOString(),
      };
    };
    applyPullPage(core.db, config(2, 3));
    const after = programVersion(core);
    expect(after).toBeGreaterThan(before);
    applyPullPage(core.db, config(3, 3));
    expect(programVersion(core)).toBe(after);
  });

  it('moves when a manager saves the program here', () => {
    const core = till();
    const before = programVersion(core);
    unwrap(
      core.dispatch('program.update', {
        program: { ...defaultProgram, earn: { ...defaultProgram.earn, points: 2 } },
        managerPin: MANAGER_PIN,
      }),
    );
    expect(programVersion(core)).toBe(before + 1);
  });
});
