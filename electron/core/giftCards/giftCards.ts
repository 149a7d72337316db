import type Database from 'better-sqlite3-multiple-ciphers';
import type { Currency } from '../../../shared/money';
import type { GiftCardView } from '../../../shared/domain';
import { normaliseCode } from '../../../shared/rules/codes';
import { uuidv7 } from '../../../shared/ids';
import { DomainError } from '../../../shared/result';
import { prepared } from '../db/statements';
import type { Stamp } from '../context';

export interface GiftCardRow {
  id: string;
  code: string;
  currency: string;
  balance_minor: number;
  expires_at: string | null;
}

export type StoredValueKind =
  'activate' | 'top_up' | 'pay' | 'refund_pay' | 'refund_activate' | 'refund_top_up' | 'expire';

export function giftCardByCode(db: Database.Database, code: string): GiftCardRow | null {
  return (
    (prepared(
      db,
      'SELECT id, code, currency, balance_minor, expires_at FROM gift_card WHERE code = ?',
    ).get(code) as GiftCardRow) ?? null
  );
}

/** Finds a live card by what the cashier typed or scanned, or says exactly why not. */
export function requireGiftCard(
  db: Database.Database,
  input: string,
  nowIso: string,
  field: string,
): GiftCardRow {
  const code = normaliseCode(input, 'giftCard');
  if (!code) {
    throw new DomainError('gift_card_invalid_code', 'That gift card number has a typo.', {
      field,
      details: { code: input },
    });
  }
  const card = giftCardByCode(db, code);
  if (!card)
    throw new DomainError('gift_card_not_found', 'No gift card has that number.', {
      field,
      details: { code },
    });
  if (card.expires_at !== null && card.expires_at <= nowIso) {
    throw new DomainError('gift_card_expired', 'This gift card has expired.', {
      field,
      details: { code, date: card.expires_at.slice(0, 10) },
    });
  }
  return card;
}

export function createGiftCard(
  db: Database.Database,
  stamp: Stamp,
  card: {
    /** Only a restore passes one: the id the card was first written with. */
    id?: string;
    code: string;
    currency: Currency;
    expiresAt: string | null;
    saleId: string;
  },
): GiftCardRow {
  const id = card.id ?? uuidv7();
  prepared(
    db,
    `INSERT INTO gift_card (id, code, currency, balance_minor, expires_at, sold_sale_id, created_at, hlc)
     VALUES (?, ?, ?, 0, ?, ?, ?, ?)`,
  ).run(id, card.code, card.currency, card.expiresAt, card.saleId, stamp.createdAt, stamp.hlc);
  return {
    id,
    code: card.code,
    currency: card.currency,
    balance_minor: 0,
    expires_at: card.expiresAt,
  };
}

export interface StoredValueWrite {
  id: string;
  giftCardId: string;
  code: string;
  kind: StoredValueKind;
  amountMinor: number;
  balanceMinor: number;
}

/** Appends to a card's stored-value ledger and moves its cached balance in the same transaction. */
export function appendStoredValue(
  db: Database.Database,
  stamp: Stamp,
  card: GiftCardRow,
  kind: StoredValueKind,
  amountMinor: number,
  saleId: string | null,
  /** Only a restore passes one: the id the entry was first written with. */
  id: string = uuidv7(),
): StoredValueWrite {
  prepared(
    db,
    `INSERT INTO stored_value_entry (id, gift_card_id, kind, amount_minor, sale_id, terminal_id,
       staff_id, created_at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    card.id,
    kind,
    amountMinor,
    saleId,
    stamp.terminalId,
    stamp.staffId,
    stamp.createdAt,
    stamp.hlc,
  );
  const row = prepared(
    db,
    'UPDATE gift_card SET balance_minor = balance_minor + ? WHERE id = ? RETURNING balance_minor',
  ).get(amountMinor, card.id) as { balance_minor: number };
  if (row.balance_minor < 0) {
    // Locally a card is never overdrawn: the caller checked the balance inside this transaction.
    throw new DomainError('gift_card_insufficient', 'The gift card does not hold that much.', {
      details: { code: card.code, balance: card.balance_minor },
    });
  }
  card.balance_minor = row.balance_minor;
  return {
    id,
    giftCardId: card.id,
    code: card.code,
    kind,
    amountMinor,
    balanceMinor: row.balance_minor,
  };
}

export interface StoredValueOfSale {
  code: string;
  kind: StoredValueKind;
  amount_minor: number;
  balance_minor: number;
  gift_card_id: string;
}

export function storedValueOfSale(db: Database.Database, saleId: string): StoredValueOfSale[] {
  return prepared(
    db,
    `SELECT g.code, e.kind, e.amount_minor, e.gift_card_id,
       (SELECT sum(x.amount_minor) FROM stored_value_entry x
        WHERE x.gift_card_id = e.gift_card_id AND x.entry_no <= e.entry_no) AS balance_minor
     FROM stored_value_entry e JOIN gift_card g ON g.id = e.gift_card_id
     WHERE e.sale_id = ? ORDER BY e.entry_no`,
  ).all(saleId) as StoredValueOfSale[];
}

export function giftCardView(card: GiftCardRow, nowIso: string): GiftCardView {
  return {
    code: card.code,
    currency: card.currency as Currency,
    balanceMinor: card.balance_minor,
    expiresAt: card.expires_at,
    active: card.expires_at === null || card.expires_at > nowIso,
  };
}
