import type { SyncedStoredValueEntry } from '../../shared/sync/operations';
import type { AppliedOperation, Compensation } from './appliedOperation';
import { raiseException } from '../exceptions/raiseException';

/**
 * The chain's gift-card ledger. Each terminal sends the entries it wrote; head office appends them
 * and keeps each card's balance across every store, in the same transaction. A card spent at two
 * offline terminals can go below zero here: both sales are kept, and the debit that overdrew the
 * card is raised as `gift_card_overdraft` for a manager.
 */

/** The sale or refund the entries belong to. */
export interface StoredValueContext {
  saleId: string;
  saleNumber: string;
  memberId: string | null;
}

/** How many of the card's other debits an exception lists, latest first. */
const OTHER_DEBITS_SHOWN = 10;

async function lockCard(
  applied: AppliedOperation,
  entry: SyncedStoredValueEntry,
  currency: string | null,
): Promise<number> {
  await applied.tx.query(
    `INSERT INTO gift_card (id, code, currency, balance_minor, first_seen_at, updated_at)
     VALUES ($1, $2, $3, 0, $4, $4) ON CONFLICT (id) DO NOTHING`,
    [entry.giftCardId, entry.code, currency, applied.at],
  );
  const { rows } = await applied.tx.query<{ balance_minor: number }>(
    'SELECT balance_minor FROM gift_card WHERE id = $1 FOR UPDATE',
    [entry.giftCardId],
  );
  const balance = rows[0]?.balance_minor;
  if (balance === undefined) throw new Error('gift card missing right after upsert');
  return balance;
}

async function overdraft(
  applied: AppliedOperation,
  entry: SyncedStoredValueEntry,
  before: number,
  after: number,
  currency: string | null,
  context: StoredValueContext,
): Promise<Compensation> {
  const { rows: others } = await applied.tx.query<{
    id: string;
    kind: string;
    amount_minor: number;
    sale_id: string | null;
    sale_number: string | null;
    terminal_id: string;
    terminal_number: number;
    store_name: string;
    created_at: string;
  }>(
    `SELECT e.id, e.kind, e.amount_minor, e.sale_id, sa.number AS sale_number, e.terminal_id,
       t.number AS terminal_number, s.name AS store_name, e.created_at
     FROM stored_value_entry e
       JOIN terminal t ON t.id = e.terminal_id
       JOIN store s ON s.id = e.store_id
       LEFT JOIN sale sa ON sa.id = e.sale_id
     WHERE e.gift_card_id = $1 AND e.id <> $2 AND e.amount_minor < 0
     ORDER BY e.recorded_at DESC, e.id DESC LIMIT $3`,
    [entry.giftCardId, entry.id, OTHER_DEBITS_SHOWN],
  );
  const exceptionId = await raiseException(applied, {
    kind: 'gift_card_overdraft',
    storeId: applied.terminal.storeId,
    terminalId: applied.terminal.id,
    opId: applied.op.opId,
    memberId: context.memberId,
    saleId: context.saleId,
    facts: {
      giftCardId: entry.giftCardId,
      code: entry.code,
      currency,
      entryId: entry.id,
      entryKind: entry.kind,
      amountMinor: entry.amountMinor,
      balanceBefore: before,
      balanceAfter: after,
      terminalBalanceAfter: entry.balanceMinor,
      saleId: context.saleId,
      saleNumber: context.saleNumber,
      opType: applied.op.type,
      opId: applied.op.opId,
      seq: applied.op.seq,
      terminalId: applied.terminal.id,
      terminalNumber: applied.terminal.number,
      storeId: applied.terminal.storeId,
      storeName: applied.terminal.storeName,
      staffId: applied.op.staffId,
      soldAt: applied.op.createdAt,
      otherDebits: others.map((o) => ({
        entryId: o.id,
        kind: o.kind,
        amountMinor: o.amount_minor,
        saleId: o.sale_id,
        saleNumber: o.sale_number,
        terminalId: o.terminal_id,
        terminalNumber: o.terminal_number,
        storeName: o.store_name,
        at: o.created_at,
      })),
    },
  });
  return {
    kind: 'overdraft',
    exceptionId,
    message: `Gift card ${entry.code} is at ${after} (was ${before}) after this sale took ${-entry.amountMinor} (minor units): another terminal spent the same card. The sale is kept; a manager will resolve it.`,
  };
}

/**
 * Appends a sale's or refund's gift-card entries and moves each card's balance. An entry already
 * in the ledger (same id) is skipped, so delivering it twice changes nothing. Returns one
 * compensation per debit (a payment, or taking back a refunded card's value) that left its card
 * below zero.
 */
export async function applyStoredValueEntries(
  applied: AppliedOperation,
  entries: readonly SyncedStoredValueEntry[],
  context: StoredValueContext,
): Promise<Compensation[]> {
  if (entries.length === 0) return [];
  const { rows: sales } = await applied.tx.query<{ currency: string | null }>(
    'SELECT currency FROM sale WHERE id = $1',
    [context.saleId],
  );
  const currency = sales[0]?.currency ?? null;
  const compensations: Compensation[] = [];
  for (const entry of entries) {
    const before = await lockCard(applied, entry, currency);
    const after = before + entry.amountMinor;
    const { rows } = await applied.tx.query<{ id: string }>(
      `INSERT INTO stored_value_entry (id, gift_card_id, kind, amount_minor,
         terminal_balance_minor, balance_after_minor, sale_id, store_id, terminal_id, op_id,
         created_at, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        entry.id,
        entry.giftCardId,
        entry.kind,
        entry.amountMinor,
        entry.balanceMinor,
        after,
        context.saleId,
        applied.terminal.storeId,
        applied.terminal.id,
        applied.op.opId,
        applied.op.createdAt,
        applied.at,
      ],
    );
    if (rows.length === 0) continue;
    await applied.tx.query(
      'UPDATE gift_card SET balance_minor = $2, updated_at = $3 WHERE id = $1',
      [entry.giftCardId, after, applied.at],
    );
    // An expiry only writes off what is left; any other debit that overdraws spent money twice.
    if (entry.amountMinor < 0 && after < 0 && entry.kind !== 'expire') {
      compensations.push(await overdraft(applied, entry, before, after, currency, context));
    }
  }
  return compensations;
}
