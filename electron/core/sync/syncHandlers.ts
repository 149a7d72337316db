import type { syncOperations } from '../../../shared/api/sync';
import { DomainError } from '../../../shared/result';
import type { AsyncHandlerMap } from '../api/handler';
import { enrollTerminal } from './enrollTerminal';

export const syncHandlers: AsyncHandlerMap<keyof typeof syncOperations> = {
  'sync.enroll': async (ctx, input) => {
    if (!ctx.sync) throw new DomainError('not_enrolled', 'This terminal runs without head office.');
    const result = await enrollTerminal(
      ctx,
      ctx.sync.transportFor(input.serverUrl),
      ctx.sync.credentials,
      input,
    );
    ctx.sync.startWorker();
    return result;
  },
  'sync.now': async (ctx) => {
    if (!ctx.sync) return { result: 'not_enrolled' as const };
    return { result: await ctx.sync.syncNow() };
  },
};
