import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import { DomainError } from '../../../shared/result';
import { LEDGER_FILE, openCore } from '../core';
import { openKeyed } from '../db/cipher';
import { deriveTerminalKeys, SECRET_ENV, type SecretStore } from '../keys/terminalKeys';
import type { LegacyCredential } from '../sync/credentials';
import { startCoreRelay, type CoreRelay, type CoreRelayOptions } from './coreClient';
import { coreWorkerThread, forkCoreProcess } from './nodeChannels';
import { parseFromCore, parseToCore } from './protocol';

const setup = {
  storeName: 'Relay Store',
  terminalName: 'Till 1',
  currency: 'HKD',
  timeZone: 'Asia/Hong_Kong',
  locale: 'en',
  phoneCountry: 'HK',
  managerName: 'Relay Manager',
  managerPin: '2468',
};

/** The environment without the tests' shared secret, so the relay's own secret is the one used. */
const envWithoutSecret = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => name !== SECRET_ENV),
);

/** A SecretStore in main's memory, as the keychain-backed one behaves. */
class MemorySecretStore implements SecretStore {
  saved: Buffer | null = null;
  saves = 0;
  readonly describe = 'the test keychain';
  constructor(private readonly failSaves = false) {}
  load(): Buffer | null {
    return this.saved;
  }
  save(secret: Buffer): void {
    if (this.failSaves) throw new Error('keychain locked');
    this.saves += 1;
    this.saved = Buffer.from(secret);
  }
}
const memorySecretStore = (options: { failSaves?: boolean } = {}) =>
  new MemorySecretStore(options.failSaves);

let dataDir = '';
const relays: CoreRelay[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-relay-'));
});
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.stop()));
  rmSync(dataDir, { recursive: true, force: true });
});

function forked(
  options: Partial<CoreRelayOptions> = {},
  env: NodeJS.ProcessEnv = process.env,
): CoreRelay {
  const relay = startCoreRelay(forkCoreProcess({ env }).channel, { dataDir, ...options });
  relays.push(relay);
  return relay;
}

async function must(relay: CoreRelay, name: string, input: unknown): Promise<unknown> {
  const result = await relay.dispatch(name, input);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

describe('the core in a process of its own', () => {
  it('answers the contract’s calls through the relay: setup, a sale and a PDF made on its thread', async () => {
    const relay = forked();
    expect(await relay.ready).toEqual({ ok: true, value: undefined });
    expect(await relay.dispatch('terminal.info', {})).toEqual({ ok: true, value: null });
    await must(relay, 'terminal.setup', setup);
    await must(relay, 'shift.open', { floatMinor: 0 });
    const sale = await must(relay, 'sale.record', {
      saleId: uuidv7(),
      memberId: null,
      lines: [{ description: 'Tea', quantity: 2, unitPriceMinor: 1500 }],
      redeemPoints: 0,
    });
    expect(sale).toMatchObject({ sale: { totalMinor: 3000 } });
    const pdf = (await must(relay, 'report.export', {
      report: { kind: 'x' },
      format: 'pdf',
      locale: 'en',
      managerPin: setup.managerPin,
    })) as { base64: string; mimeType: string };
    expect(pdf.mimeType).toBe('application/pdf');
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The core's own checks are the gate; main passes bad input through untouched.
    expect(await relay.dispatch('sale.record', { lines: 'nonsense' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await relay.dispatch('ledger.dropEverything', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_operation' },
    });
  }, 60_000);

  it('closes the ledger and ends when stopped; calls after that get an error value', async () => {
    const relay = forked();
    await relay.ready;
    await must(relay, 'terminal.setup', setup);
    await relay.stop();
    expect(await relay.dispatch('terminal.info', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
    // The ledger was closed cleanly: a new core opens it with the terminal set up.
    const again = forked();
    expect(await again.ready).toMatchObject({ ok: true });
    expect(await again.dispatch('terminal.info', {})).toMatchObject({
      ok: true,
      value: { storeName: setup.storeName },
    });
  }, 60_000);

  it('answers every waiting call with an error value when the process dies', async () => {
    const { channel } = forkCoreProcess();
    const relay = startCoreRelay(channel, { dataDir });
    relays.push(relay);
    await relay.ready;
    let unexpected: number | null | undefined;
    relay.onUnexpectedExit((code) => (unexpected = code));
    const waiting = relay.dispatch('terminal.setup', setup);
    channel.kill();
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(await relay.dispatch('terminal.info', {})).toMatchObject({ ok: false });
    expect(unexpected).not.toBeUndefined();
  }, 60_000);

  it('reports why the ledger could not open, as the core words it', async () => {
    const relay = forked();
    await relay.ready;
    await relay.stop();
    const { ledgerKey } = deriveTerminalKeys(Buffer.from(process.env[SECRET_ENV]!, 'hex'));
    const db = openKeyed(path.join(dataDir, LEDGER_FILE), { key: ledgerKey });
    db.pragma('user_version = 9999');
    db.close();
    const newer = forked();
    expect(await newer.ready).toMatchObject({ ok: false, error: { code: 'database_newer' } });
  }, 60_000);
});

describe('the terminal secret, kept by main', () => {
  it('is made by the core, saved by main before the ledger exists, and used on every start', async () => {
    const store = memorySecretStore();
    const first = forked({ secretStore: store }, envWithoutSecret);
    expect(await first.ready).toMatchObject({ ok: true });
    expect(store.saves).toBe(1);
    expect(store.saved).toHaveLength(32);
    await must(first, 'terminal.setup', setup);
    await first.stop();

    // The same secret opens the ledger again, and the PIN lookup keyed by it still knows the PIN.
    const second = forked({ secretStore: store }, envWithoutSecret);
    expect(await second.ready).toMatchObject({ ok: true });
    expect(await second.dispatch('staff.signIn', { pin: setup.managerPin })).toMatchObject({
      ok: true,
    });
    await second.stop();
    expect(store.saves).toBe(1);

    const otherKey = memorySecretStore();
    otherKey.saved = Buffer.alloc(32, 9);
    // Another key does not open the encrypted ledger at all: never a new terminal over it, but
    // the recovery screen (a damaged first page and another key look alike under SQLCipher).
    const third = forked({ secretStore: otherKey }, envWithoutSecret);
    expect(await third.ready).toMatchObject({ ok: true });
    expect(await third.dispatch('recovery.status', {})).toMatchObject({
      ok: true,
      value: { state: 'recovery', problem: 'unreadable' },
    });
    expect(await third.dispatch('staff.signIn', { pin: setup.managerPin })).toMatchObject({
      ok: false,
      error: { code: 'ledger_recovery' },
    });
    expect(otherKey.saves).toBe(0);
  }, 60_000);

  it('never opens a ledger with a key main could not save', async () => {
    const relay = forked({ secretStore: memorySecretStore({ failSaves: true }) }, envWithoutSecret);
    expect(await relay.ready).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(existsSync(path.join(dataDir, LEDGER_FILE))).toBe(false);
  }, 60_000);
});

describe('the head-office credential an older app kept in the keychain', () => {
  const legacy = (read: () => string | null) => {
    const old: LegacyCredential & { removed: number } = {
      describe: 'the test keychain',
      removed: 0,
      read,
      remove: () => {
        old.removed += 1;
      },
    };
    return old;
  };

  it('moves inside the encrypted ledger, and main removes its copy once the core is ready', async () => {
    const old = legacy(() => 'credential-from-keychain');
    const relay = forked({ legacyCredential: old });
    expect(await relay.ready).toMatchObject({ ok: true });
    expect(old.removed).toBe(1);
    await relay.stop();
    const core = openCore({ dataDir });
    try {
      expect(core.credentials.read()).toBe('credential-from-keychain');
    } finally {
      core.close();
    }
  }, 60_000);

  it('when unreadable, leaves the core starting without one and main’s copy in place', async () => {
    const old = legacy(() => {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage');
    });
    const relay = forked({ legacyCredential: old });
    expect(await relay.ready).toMatchObject({ ok: true });
    expect(await relay.dispatch('terminal.info', {})).toEqual({ ok: true, value: null });
    expect(old.removed).toBe(0);
  }, 60_000);
});

describe('a terminal key the keychain cannot unseal', () => {
  it('keeps the ledger shut and starts no core', async () => {
    const sealed: SecretStore = {
      describe: 'the test keychain',
      load: () => {
        throw new DomainError('terminal_secret_invalid', 'The OS keychain cannot unseal the key.');
      },
      save: () => undefined,
    };
    const relay = forked({ secretStore: sealed }, envWithoutSecret);
    expect(await relay.ready).toMatchObject({
      ok: false,
      error: { code: 'terminal_secret_invalid' },
    });
    expect(existsSync(path.join(dataDir, LEDGER_FILE))).toBe(false);
  }, 60_000);
});

describe('the same entry on a worker thread', () => {
  it('starts, answers and stops', async () => {
    const relay = startCoreRelay(coreWorkerThread(), { dataDir });
    relays.push(relay);
    expect(await relay.ready).toMatchObject({ ok: true });
    expect(await relay.dispatch('terminal.info', {})).toEqual({ ok: true, value: null });
    await relay.stop();
  }, 60_000);
});

describe('the relay protocol', () => {
  it.each([
    null,
    1,
    'start',
    {},
    { type: 'start' },
    { type: 'start', start: { dataDir: '' } },
    { type: 'call', id: 'x', name: 'a' },
    { type: 'eval', code: '1' },
  ])('main’s side refuses %j', (message) => {
    expect(parseToCore(message)).toBeNull();
  });

  it.each([
    null,
    { type: 'result', id: 1.5, result: {} },
    { type: 'secret.save', secret: 'short' },
    { type: 'ready!' },
  ])('the core’s side refuses %j', (message) => {
    expect(parseFromCore(message)).toBeNull();
  });
});
