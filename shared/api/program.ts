import { z } from 'zod';
import { operation } from './operation';
import { pin } from './fields';
import type { ProgramOwnership } from '../domain';

const offeredVersion = z.number().int().min(1).max(1_000_000_000);

/**
 * Who owns the loyalty program once a terminal has joined head office. Until the manager decides,
 * the terminal keeps pricing with its own program and head office's waits beside it.
 */
export const programOperations = {
  /** Who owns the program, and head office's program with what differs while it waits. */
  'program.ownership': operation<ProgramOwnership>()(z.strictObject({}), 'cashier'),
  /** Head office's waiting program replaces this terminal's; the old one stays in the audit log. */
  'program.adopt': operation<ProgramOwnership>()(
    z.strictObject({ version: offeredVersion, managerPin: pin }),
    'manager',
  ),
  /** Keeps this terminal's program and sends it to head office as a proposal for the chain. */
  'program.propose': operation<ProgramOwnership>()(
    z.strictObject({ version: offeredVersion, managerPin: pin }),
    'manager',
  ),
};
