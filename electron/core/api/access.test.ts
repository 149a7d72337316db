import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, operationNames, type OperationName } from '../../../shared/api';
import { accessLevels, type Access } from '../../../shared/api/operation';
import { asyncOperationNames } from '../../../shared/api';
import type { Result } from '../../../shared/result';
import { MANAGER_PIN, unwrap } from '../../../test/unit/helpers/terminal';
import {
  CASHIER_PIN,
  makeFixture,
  validInputs,
  type Fixture,
} from '../../../test/unit/helpers/apiFixture';

/**
 * Roles are enforced by the core, not the screens: every operation in the contract, called
 * through the one door as nobody, a cashier, a manager, and a cashier with a manager's PIN typed
 * on the spot. An operation refused for its role is refused with not_signed_in or
 * manager_required; one allowed may still be refused for a domain reason, never for its role.
 */

type Session = 'nobody' | 'cashier' | 'manager' | 'cashier with a manager PIN';
/** In this order: what a session does (a cashier's PIN changed) never stops the next signing in. */
const sessions: Session[] = ['nobody', 'cashier', 'cashier with a manager PIN', 'manager'];
const roleRefusals = ['not_signed_in', 'manager_required'];

/** What the declared access lets each session do. */
function allowed(access: Access, session: Session): boolean {
  // The till may read what its display shows and pair one, signed in or not.
  if (access === 'anyone' || access === 'display' || access === 'pairing') return true;
  if (session === 'nobody') return false;
  if (access === 'cashier') return true;
  return session !== 'cashier';
}

let f: Fixture;

function enter(session: Session): void {
  if (session === 'nobody') {
    f.core.dispatch('staff.signOut', {});
    return;
  }
  if (session === 'manager') {
    unwrap(f.core.dispatch('staff.signIn', { pin: MANAGER_PIN }));
    return;
  }
  // staff.changePin's own case gives the cashier a new PIN: the cashier signs in with it then.
  const signedIn = f.core.dispatch('staff.signIn', { pin: CASHIER_PIN });
  if (!signedIn.ok)
    unwrap(f.core.dispatch('staff.signIn', { pin: validInputs(f)['staff.changePin'].pin }));
}

/** Whether the operation's input must carry a manager's PIN. */
function pinRequired(name: OperationName): boolean {
  const base = validInputs(f)[name];
  if (!('managerPin' in base)) return false;
  const rest: Record<string, unknown> = { ...base };
  delete rest.managerPin;
  return !contract[name].input.safeParse(rest).success;
}

/** The base input, with a manager's PIN where the session types one and the operation takes one. */
function inputFor(name: OperationName, session: Session): Record<string, unknown> {
  const input: Record<string, unknown> = { ...validInputs(f)[name] };
  delete input.managerPin;
  const takesPin = contract[name].input.safeParse({ ...input, managerPin: MANAGER_PIN }).success;
  const typed = session === 'cashier with a manager PIN' || pinRequired(name);
  return typed && takesPin ? { ...input, managerPin: MANAGER_PIN } : input;
}

async function call(name: OperationName, input: unknown): Promise<Result<unknown>> {
  return (asyncOperationNames as string[]).includes(name)
    ? f.core.dispatchAsync(name, input)
    : f.core.dispatch(name, input);
}

describe('every operation declares who may call it', () => {
  it.each(operationNames)('%s: anyone, cashier, manager, display or pairing', (name) => {
    expect(accessLevels).toContain(contract[name].access);
  });
});

describe.each(operationNames)('%s, as each session', (name) => {
  const access = contract[name].access;
  // A fresh terminal per operation: what one writes never changes what the next can do.
  beforeAll(() => {
    f = makeFixture();
  });
  afterAll(() => f.core.cleanup());
  it.each(sessions)(`(${access}) as %s`, async (session) => {
    enter(session);
    const result = await call(name, inputFor(name, session));
    const refusedForRole = !result.ok && roleRefusals.includes(result.error.code);
    // An operation whose input always carries a manager's PIN: a cashier always types one.
    const expected = allowed(
      access,
      pinRequired(name) && session === 'cashier' ? 'cashier with a manager PIN' : session,
    );
    expect(
      { name, session, refusedForRole },
      result.ok ? 'ok' : `${result.error.code}: ${result.error.message}`,
    ).toEqual({ name, session, refusedForRole: !expected });
    if (!result.ok) expect(result.error.code).not.toBe('internal');
  });
});

describe('what the screens used to guard alone', () => {
  beforeAll(() => {
    f = makeFixture();
  });
  afterAll(() => f.core.cleanup());

  it.each([
    'report.x',
    'report.closedDays',
    'analytics.overview',
    'analytics.segmentMembers',
  ] as const)(
    'a cashier without a manager PIN gets manager_required from %s, with no figures',
    (name) => {
      enter('cashier');
      const result = f.core.dispatch(name, inputFor(name, 'cashier'));
      expect(result).toMatchObject({ ok: false, error: { code: 'manager_required' } });
    },
  );

  it('a wrong manager PIN is wrong_pin, and counts towards the lockout like any other', () => {
    enter('cashier');
    const result = f.core.dispatch('report.x', { managerPin: '0000' });
    expect(result).toMatchObject({ ok: false, error: { code: 'wrong_pin' } });
    enter('manager');
  });
});
