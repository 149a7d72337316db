import { beforeAll, describe, expect, it, vi } from 'vitest';
import { operationNames } from '../../shared/api';
import { channelFor } from '../../shared/api/channels';

// The real electron module only runs inside Electron; this one records what the preload does.
const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  const ipcRenderer = { invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, value: null })) };
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, value: unknown) => exposed.set(key, value)),
  };
  return { exposed, ipcRenderer, contextBridge };
});

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
}));

/** Every value reachable from `root` through own properties, functions included. */
function reachable(root: unknown): unknown[] {
  const seen = new Set<unknown>();
  const queue = [root];
  while (queue.length > 0) {
    const value = queue.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
    if (seen.has(value)) continue;
    seen.add(value);
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (descriptor && 'value' in descriptor) queue.push(descriptor.value);
    }
  }
  return [...seen];
}

describe('preload', () => {
  let api: Record<string, unknown>;

  beforeAll(async () => {
    await import('./index');
    api = electron.exposed.get('api') as Record<string, unknown>;
  });

  it('exposes exactly one thing, called api', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect([...electron.exposed.keys()]).toEqual(['api']);
  });

  it('has one function per operation in the contract, and nothing else', () => {
    expect(Object.keys(api).sort()).toEqual([...operationNames].sort());
    for (const name of operationNames) expect(typeof api[name]).toBe('function');
  });

  it('does not let the page reach ipcRenderer or its invoke', () => {
    const values = reachable(api);
    expect(values).not.toContain(electron.ipcRenderer);
    expect(values).not.toContain(electron.ipcRenderer.invoke);
  });

  it('cannot be changed by the page', () => {
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('sends each call on its operation channel, with the input untouched', async () => {
    const search = api['member.search'] as (input: unknown) => Promise<unknown>;
    const input = { query: 'x' };
    await expect(search(input)).resolves.toEqual({ ok: true, value: null });
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(
      channelFor('member.search'),
      input,
    );
  });
});
