import { randomInt } from 'node:crypto';
import type { TerminalInfo } from '../../../shared/domain';
import type { Currency } from '../../../shared/money';
import type { Locale } from '../../../shared/locale';
import type { PhoneCountry } from '../../../shared/phone';
import { defaultProgram } from '../../../shared/program';
import { writeProgram } from '../program/programStore';
import { uuidv7 } from '../../../shared/ids';
import { HybridClock } from '../../../shared/hlc';
import { DomainError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { insertStaff } from '../staff/staffStore';
import { appendOutbox } from '../outbox/outbox';
import { insertTerminal, readTerminal, requireTerminal } from './terminalStore';
import { stampWrite } from '../stamp';
import { startSession } from '../staff/session';

export interface SetupInput {
  storeName: string;
  terminalName: string;
  currency: Currency;
  timeZone: string;
  locale: Locale;
  phoneCountry: PhoneCountry;
  managerName: string;
  managerPin: string;
}

/**
 * First-run setup. The terminal number (which keeps card numbers unique across the chain) is
 * drawn at random here; head-office provisioning replaces the draw with an assigned number.
 */
export function setupTerminal(ctx: CoreContext, input: SetupInput): TerminalInfo {
  const { db } = ctx;
  return db.transaction((): TerminalInfo => {
    if (readTerminal(db)) {
      throw new DomainError('already_set_up', 'This terminal is already set up.');
    }
    const createdAt = new Date(ctx.now()).toISOString();
    const managerId = uuidv7(ctx.now());
    insertStaff(db, {
      id: managerId,
      name: input.managerName,
      role: 'manager',
      pin: input.managerPin,
      createdAt,
    });
    const terminalId = uuidv7(ctx.now());
    insertTerminal(db, {
      storeId: uuidv7(ctx.now()),
      storeName: input.storeName,
      terminalId,
      terminalName: input.terminalName,
      terminalNumber: randomInt(10000, 100000),
      currency: input.currency,
      timeZone: input.timeZone,
      locale: input.locale,
      phoneCountry: input.phoneCountry,
      currentStaffId: managerId,
      createdAt,
    });
    // The manager who set the terminal up is at the till: signed in, ready to open the shift.
    startSession(db, managerId, terminalId, createdAt);
    const version = writeProgram(db, defaultProgram, managerId, createdAt);
    const info = requireTerminal(db);
    // The clock was made before the terminal had an id; from now on it stamps with it.
    ctx.clock = new HybridClock(terminalId, ctx.now);
    const stamp = stampWrite(ctx);
    appendOutbox(db, stamp, 'terminal.configured', {
      storeName: info.storeName,
      terminalName: info.terminalName,
      terminalNumber: info.terminalNumber,
      currency: info.currency,
      timeZone: info.timeZone,
    });
    // Head office prices this terminal's sales again with the program they were rung up with.
    appendOutbox(db, stamp, 'program.updated', { version, program: defaultProgram });
    return info;
  })();
}
