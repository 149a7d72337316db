import { namePieces } from '../../shared/rules/nameSearch';
import type { Queryable } from '../db/database';

export interface FoundRow {
  id: string;
  name: string;
  phone_e164: string;
  card_number: string;
  enrolled_store_name: string;
}

/** LIKE's own characters taken literally. */
function literal(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Members (not merged away) by phone, card or name. Digits are a national-number prefix, the
 * last four digits, or a card number; anything else is cut into runs as the terminal cuts it
 * (shared/rules/nameSearch.ts) and each run must appear in the name, so 小明 finds 王小明 and
 * "chan tai" finds "Chan Tai Man". Every value is bound.
 */
export async function findMembers(
  db: Queryable,
  query: string,
  limit: number,
): Promise<FoundRow[]> {
  const columns = 'id, name, phone_e164, card_number, enrolled_store_name';
  const digits = query.replace(/[\s-]/g, '');
  if (/^\+?\d+$/.test(digits)) {
    const national = digits.replace(/^\+/, '');
    const { rows } = await db.query<FoundRow>(
      `SELECT ${columns} FROM member
       WHERE merged_into IS NULL AND (card_number = $1 OR phone_national LIKE $2 || '%'
         OR phone_e164 LIKE '+' || $2 || '%' OR ($3 AND right(phone_national, 4) = $1))
       ORDER BY enrolled_at, id LIMIT $4`,
      [digits, literal(national), national.length === 4, limit],
    );
    return rows;
  }
  const runs = namePieces(query);
  if (runs.length === 0) return [];
  const conditions = runs.map(
    (_, i) => `lower(normalize(name, NFKC)) LIKE '%' || $${i + 1} || '%'`,
  );
  const { rows } = await db.query<FoundRow>(
    `SELECT ${columns} FROM member
     WHERE merged_into IS NULL AND ${conditions.join(' AND ')}
     ORDER BY enrolled_at, id LIMIT $${runs.length + 1}`,
    [...runs.map(literal), limit],
  );
  return rows;
}
