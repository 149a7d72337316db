import { z } from 'zod';
import { id } from '../api/fields';
import { terminalProgramState } from '../sync/protocol';

/** A terminal as head office lists it (GET /admin/terminals), declared once for both sides. */
export const terminalView = z.strictObject({
  id,
  storeId: id,
  storeName: z.string(),
  name: z.string(),
  number: z.number().int(),
  appVersion: z.string(),
  highWaterMark: z.number().int().min(0),
  enrolledAt: z.iso.datetime(),
  lastSeenAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  revokedBy: z.string().nullable(),
  /** What the terminal last said it was set up with; its shape is the terminal's to change. */
  configured: z.unknown(),
  /** Operations the terminal said were still waiting in its outbox; null until it says. */
  outboxPending: z.number().int().min(0).nullable(),
  /** Whose loyalty program it prices with, as it last said; null until it says. */
  program: terminalProgramState.nullable(),
});
export type TerminalView = z.infer<typeof terminalView>;

export const terminalList = z.strictObject({ terminals: z.array(terminalView) });
