import type { Queryable } from '../db/database';

/**
 * The member whose balance an entry for `id` counts toward: a merged member's entries count for
 * the member it was merged into. Merges never chain (only a newcomer is merged, always into a
 * member that is not merged itself), so one step resolves.
 */
export async function resolveMember(
  tx: Queryable,
  id: string,
): Promise<{ resolvedId: string; known: boolean }> {
  const { rows } = await tx.query<{ merged_into: string | null }>(
    'SELECT merged_into FROM member WHERE id = $1',
    [id],
  );
  const row = rows[0];
  if (!row) return { resolvedId: id, known: false };
  return { resolvedId: row.merged_into ?? id, known: true };
}
