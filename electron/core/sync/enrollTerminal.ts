import { enrollResponse } from '../../../shared/sync/protocol';
import { DomainError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { prepared } from '../db/statements';
import { forgetTerminal, requireTerminal } from '../terminal/terminalStore';
import type { CredentialStore } from './credentials';
import type { SyncTransport } from './transport';
import { headOfficeErrorBody } from '../../../shared/sync/protocol';
import { syncRoutes } from '../../../shared/sync/routes';
import { APP_VERSION } from '../../../shared/appVersion';
import type { EnrollmentResult } from '../../../shared/domain';
import { cardPrefix } from '../../../shared/card';

/**
 * Trades a one-time enrollment code for this terminal's own credential. Head office assigns the
 * terminal number that keeps card and sale numbers unique across the chain, and the store this
 * terminal belongs to; both replace what setup chose locally. The shop's name on receipts stays
 * as the manager set it (head office's name for the store is kept beside it), and the answer
 * says how new card numbers start, before and after, so the screen can say so: cards already
 * printed keep their numbers and keep working.
 */
export async function enrollTerminal(
  ctx: CoreContext,
  transport: SyncTransport,
  credentials: CredentialStore,
  input: { serverUrl: string; code: string },
): Promise<EnrollmentResult> {
  const terminal = requireTerminal(ctx.db);
  let answer: { status: number; body: unknown };
  try {
    answer = await transport.post(
      syncRoutes.enroll.path,
      { code: input.code, terminalName: terminal.terminalName, appVersion: APP_VERSION },
      null,
    );
  } catch (error) {
    throw new DomainError(
      'head_office_unreachable',
      `Head office did not answer: ${String(error)}`,
      {
        field: 'serverUrl',
      },
    );
  }
  if (answer.status < 200 || answer.status >= 300) {
    const parsed = headOfficeErrorBody.safeParse(answer.body);
    throw new DomainError(
      'enrollment_refused',
      parsed.success ? parsed.data.error.message : `Head office answered ${answer.status}.`,
      {
        field: 'code',
        details: { reason: parsed.success ? parsed.data.error.code : String(answer.status) },
      },
    );
  }
  const parsed = enrollResponse.safeParse(answer.body);
  if (!parsed.success) {
    throw new DomainError(
      'enrollment_refused',
      'Head office sent an answer this terminal cannot read.',
    );
  }
  const enrolled = parsed.data;
  credentials.write(enrolled.credential);
  ctx.db.transaction(() => {
    prepared(
      ctx.db,
      `UPDATE sync_state SET server_url = ?, enrolled_at = ?, remote_terminal_id = ?,
         remote_store_id = ?, high_water_mark = 0, last_error = NULL WHERE id = 1`,
    ).run(input.serverUrl, enrolled.serverTime, enrolled.terminalId, enrolled.storeId);
    prepared(ctx.db, 'UPDATE sync_state SET head_office_store_name = ? WHERE id = 1').run(
      enrolled.storeName,
    );
    prepared(ctx.db, 'UPDATE terminal SET store_id = ?, terminal_number = ? WHERE id = 1').run(
      enrolled.storeId,
      enrolled.terminalNumber,
    );
    forgetTerminal(ctx.db);
  })();
  return {
    storeName: enrolled.storeName,
    shopName: terminal.storeName,
    terminalNumber: enrolled.terminalNumber,
    cardPrefixBefore: cardPrefix(terminal.terminalNumber),
    cardPrefixAfter: cardPrefix(enrolled.terminalNumber),
  };
}
