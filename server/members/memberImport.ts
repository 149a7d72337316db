import { createHash } from 'node:crypto';
import { makeCardNumber } from '../../shared/card';
import { encodeHlc } from '../../shared/hlc';
import {
  MAX_IMPORT_ROWS,
  memberImportRequest,
  type ImportRowReport,
  type MemberImportReport,
} from '../../shared/office/memberImport';
import { currentConsent, marketingConsentOf, type ConsentEvent } from '../../shared/rules/consent';
import {
  memberImportColumns,
  readImportRow,
  requiredImportColumns,
  type ImportRow,
  type ImportRowError,
} from '../../shared/rules/memberImport';
import type { PhoneCountry } from '../../shared/phone';
import { claimTerminalNumber } from '../admin/provisioning';
import { appendConsentEventsInBulk } from '../consent/consentLedger';
import { inSentOrder, type Database, type Queryable } from '../db/database';
import { publishChanges, type StreamChange } from '../db/streams';
import { balanceChange } from '../ledger/balances';
import { appendPointsEntries, type EntriesFrom } from '../ledger/pointsLedger';
import type { ServiceClock } from '../platform/clock';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { csvRecord, readCsvFile, type CsvRecords } from '../platform/csvFile';
import { dryRunnable } from '../db/dryRun';
import { parseInput } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import { insertImportedMembers, type ImportedMember } from '../sync/members';

const log = createLogger('member-import');

/** Rows per statement: each batch of members, entries, events and import rows is one insert. */
export const IMPORT_BATCH = 1000;

/** Namespace of the advisory lock that lets one import run at a time across nodes. */
const IMPORT_LOCK = 7_240_120;

/**
 * Members (unmerged, not erased) holding any of the phones ($1), cards ($2) or emails ($3): each
 * branch has its index (member_phone_unmerged, member_card, member_email).
 */
export const HOLDERS_SQL = `SELECT id, card_number, phone_e164, email FROM (
    SELECT id, card_number, phone_e164, email, arrived_at FROM member
    WHERE phone_e164 = ANY($1::text[]) AND merged_into IS NULL AND erased_at IS NULL
    UNION
    SELECT id, card_number, phone_e164, email, arrived_at FROM member
    WHERE card_number = ANY($2::text[]) AND merged_into IS NULL AND erased_at IS NULL
    UNION
    SELECT id, card_number, phone_e164, email, arrived_at FROM member
    WHERE email = ANY($3::text[]) AND email IS NOT NULL AND merged_into IS NULL
      AND erased_at IS NULL
  ) AS holders
  ORDER BY arrived_at, id`;

export interface MemberImportJob {
  actor: string;
  fileName: string;
  csv: string;
  dryRun: boolean;
  defaultCountry: PhoneCountry;
  defaultStoreId: string | null;
}

/** The outcome of one row while the import is planned. */
type Planned =
  | { kind: 'error'; reason: ImportRowError; column: string }
  | { kind: 'unchanged'; memberId: string; cardNumber: string | null }
  | { kind: 'created'; row: ImportRow; key: string; storeId: string; target: Target }
  | { kind: 'merged'; row: ImportRow; key: string; storeId: string; target: Target };

/** A member a row lands on: one head office has, or one an earlier row of the file creates. */
interface Target {
  memberId: string;
  cardNumber: string | null;
  /** The file row that creates it; null for a member head office already has. */
  createdByRow: number | null;
}

interface ExistingMember {
  id: string;
  card_number: string;
  phone_e164: string;
  email: string | null;
}

/**
 * Members from the old system's CSV (issue 16 §5), at head office. A dry run is the same code
 * in a transaction that is rolled back. Bad rows are reported and skipped; the others import.
 * server/README.md ("Member import") documents the columns and the rules.
 */
export function memberImportService(db: Database, clock: ServiceClock, random: ServiceRandom) {
  return {
    importMembers(actor: string, body: unknown): Promise<Outcome<MemberImportReport>> {
      return guard(async () => {
        const request = parseInput(memberImportRequest, body, 'member import');
        return succeed(await runMemberImport(db, clock, random, { actor, ...request }));
      });
    },
  };
}

/** Reads the file (refusing one that is not a member CSV) and imports or dry-runs it. */
export async function runMemberImport(
  db: Database,
  clock: ServiceClock,
  random: ServiceRandom,
  job: MemberImportJob,
  limits: { maxRows: number } = { maxRows: MAX_IMPORT_ROWS },
): Promise<MemberImportReport> {
  const fileSha256 = createHash('sha256').update(job.csv, 'utf8').digest('hex');
  // Read before the transaction: its locks are held only while the database works.
  const rowsRead = readRows(readCsv(job.csv, limits.maxRows), job.defaultCountry);
  const report = await dryRunnable(db, job.dryRun, (tx) =>
    importRecords(tx, clock, random, job, rowsRead, fileSha256),
  );
  if (!job.dryRun) {
    log.info(
      `import ${report.importId}: ${report.totals.rows} rows, ${report.totals.created} created, ${report.totals.merged} merged, ${report.totals.unchanged} unchanged, ${report.totals.errors} errors`,
    );
  }
  return report;
}

function readCsv(csv: string, maxRows: number): CsvRecords {
  return readCsvFile(csv, {
    what: 'member',
    known: memberImportColumns,
    required: requiredImportColumns,
    maxRows,
  });
}

type RowRead =
  | { line: number; error: { reason: ImportRowError; column: string } }
  | { line: number; row: ImportRow };

/** Each row read and normalised (shared/rules/memberImport.ts), or its reason. */
function readRows(records: CsvRecords, country: PhoneCountry): RowRead[] {
  return records.rows.map(({ line, cells }) => {
    const record = csvRecord(records, cells);
    if (!record) return { line, error: { reason: 'columns_mismatch', column: '' } };
    const result = readImportRow(record, { country });
    if (!result.ok) return { line, error: { reason: result.reason, column: result.column } };
    return { line, row: result.row };
  });
}

/** The row's identity across files: the same person with the same data is the same key. */
function importKey(row: ImportRow, storeId: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ ...row, homeStore: null, storeId }), 'utf8')
    .digest('hex');
}

function chunks<T>(items: readonly T[], size = IMPORT_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function importRecords(
  tx: Queryable,
  clock: ServiceClock,
  random: ServiceRandom,
  job: MemberImportJob,
  rowsRead: readonly RowRead[],
  fileSha256: string,
): Promise<MemberImportReport> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
  const now = clock.now();
  const at = new Date(now).toISOString();
  const importId = random.uuidv7(now);

  const { rows: stores } = await tx.query<{ id: string; name: string }>(
    'SELECT id, name FROM store',
  );
  const storeByName = new Map(stores.map((s) => [s.name.trim().toLowerCase(), s.id]));
  const storeIds = new Set(stores.map((s) => s.id));
  if (job.defaultStoreId !== null && !storeIds.has(job.defaultStoreId)) {
    throw new HeadOfficeFailure(
      'invalid_input',
      'Invalid member import: the default store does not exist',
    );
  }

  // The rows that read well get their home store and their key.
  const read = rowsRead.map((r) => {
    if (!('row' in r)) return r;
    const { line, row } = r;
    const storeId =
      row.homeStore === null
        ? job.defaultStoreId
        : (storeByName.get(row.homeStore.toLowerCase()) ??
          (storeIds.has(row.homeStore) ? row.homeStore : undefined));
    if (storeId === undefined) {
      return { line, error: { reason: 'store_unknown', column: 'home_store' } as const };
    }
    if (storeId === null) {
      return { line, error: { reason: 'store_missing', column: 'home_store' } as const };
    }
    return { line, row, storeId, key: importKey(row, storeId) };
  });

  const good = read.flatMap((r) => ('row' in r && r.row ? [r] : []));
  const imported = new Map<string, { member_id: string; card_number: string }>();
  const existing: ExistingMember[] = [];
  for (const batch of chunks(good, 5000)) {
    const { rows: keys } = await tx.query<{
      import_key: string;
      member_id: string;
      card_number: string;
    }>(
      `SELECT r.import_key, r.member_id, m.card_number FROM member_import_row r
       JOIN member m ON m.id = r.member_id WHERE r.import_key = ANY($1::text[])`,
      [batch.map((r) => r.key)],
    );
    for (const k of keys) imported.set(k.import_key, k);
    // Members a row may be: same card, same phone or same email (merged and erased ones never).
    const { rows: found } = await tx.query<ExistingMember>(HOLDERS_SQL, [
      batch.map((r) => r.row.phoneE164),
      batch.flatMap((r) => (r.row.card ? [r.row.card] : [])),
      batch.flatMap((r) => (r.row.email ? [r.row.email] : [])),
    ]);
    existing.push(...found);
  }

  // Who holds a phone, a card or an email: head office's members first, then each new one.
  const byPhone = new Map<string, Target>();
  const byCard = new Map<string, Target>();
  const byEmail = new Map<string, Target>();
  for (const m of existing) {
    const target = { memberId: m.id, cardNumber: m.card_number, createdByRow: null };
    if (!byPhone.has(m.phone_e164)) byPhone.set(m.phone_e164, target);
    if (!byCard.has(m.card_number)) byCard.set(m.card_number, target);
    if (m.email !== null && !byEmail.has(m.email)) byEmail.set(m.email, target);
  }

  const seenKeys = new Map<string, Target>();
  const planned: { line: number; plan: Planned }[] = read.map((r) => {
    if (!('row' in r) || !r.row) {
      return { line: r.line, plan: { kind: 'error', ...r.error } as Planned };
    }
    const { row, storeId, key, line } = r;
    const before = imported.get(key);
    if (before) {
      return {
        line,
        plan: { kind: 'unchanged', memberId: before.member_id, cardNumber: before.card_number },
      };
    }
    const again = seenKeys.get(key);
    if (again) {
      return {
        line,
        plan: { kind: 'unchanged', memberId: again.memberId, cardNumber: again.cardNumber },
      };
    }
    const holders = [
      row.card ? byCard.get(row.card) : undefined,
      byPhone.get(row.phoneE164),
      row.email ? byEmail.get(row.email) : undefined,
    ].filter((t) => t !== undefined);
    const distinct = [...new Set(holders)];
    if (distinct.length > 1) {
      return {
        line,
        plan: { kind: 'error', reason: 'members_conflict', column: 'phone' } as Planned,
      };
    }
    const holder = distinct[0];
    if (holder) {
      seenKeys.set(key, holder);
      return { line, plan: { kind: 'merged', row, key, storeId, target: holder } };
    }
    const target: Target = {
      memberId: random.uuidv7(now),
      cardNumber: row.card,
      createdByRow: line,
    };
    byPhone.set(row.phoneE164, target);
    if (row.card) byCard.set(row.card, target);
    if (row.email) byEmail.set(row.email, target);
    seenKeys.set(key, target);
    return { line, plan: { kind: 'created', row, key, storeId, target } };
  });

  const landing = planned.flatMap(({ line, plan }) =>
    plan.kind === 'created' || plan.kind === 'merged' ? [{ line, ...plan }] : [],
  );

  // Each home store that gets members or points has its import terminal.
  const terminals = await importTerminals(tx, random, at, [
    ...new Set(
      landing.filter((p) => p.kind === 'created' || p.row.points > 0).map((p) => p.storeId),
    ),
  ]);
  // Members without a card get one from their store's import terminal.
  const nextSequence = new Map<string, number>();
  for (const p of landing) {
    if (p.kind !== 'created' || p.target.cardNumber !== null) continue;
    const terminal = terminals.get(p.storeId);
    if (!terminal) throw new Error('import terminal missing');
    const sequence = (nextSequence.get(terminal.id) ?? terminal.cardsMinted) + 1;
    nextSequence.set(terminal.id, sequence);
    p.target.cardNumber = makeCardNumber(terminal.number, sequence);
  }
  for (const [storeId, terminal] of terminals) {
    const minted = nextSequence.get(terminal.id);
    if (minted === undefined) continue;
    await tx.query('UPDATE member_import_terminal SET cards_minted = $2 WHERE store_id = $1', [
      storeId,
      minted,
    ]);
  }

  // Consent as the file states it: method "imported", at the file's date, the import as op.
  const events: ConsentEvent[] = landing.flatMap((p) =>
    p.row.consents.map((c) => {
      const ms = Date.parse(`${c.on}T00:00:00.000Z`);
      return {
        id: random.uuidv7(now),
        memberId: p.target.memberId,
        channel: c.channel,
        purpose: c.purpose,
        answer: c.answer,
        at: new Date(ms).toISOString(),
        hlc: encodeHlc({ ms, counter: 0, node: 'import' }),
        origin: 'head_office',
        storeId: null,
        terminalId: null,
        staffId: null,
        method: 'imported',
        wordingVersion: null,
        language: p.row.language,
      };
    }),
  );

  // A new member's marketing flag is what its imported consent will leave: set at insert.
  const eventsOf = new Map<string, ConsentEvent[]>();
  for (const event of events) {
    const list = eventsOf.get(event.memberId);
    if (list) list.push(event);
    else eventsOf.set(event.memberId, [event]);
  }
  const marketingOf = (memberId: string) =>
    marketingConsentOf(currentConsent(eventsOf.get(memberId) ?? []));

  // Each phase's batches are sent without waiting for the one before (pipelined on PostgreSQL):
  // the next batch is made ready while the database writes the last. Batches touch different
  // rows, and the phases still follow one another.
  const hlc = encodeHlc({ ms: now, counter: 0, node: 'import' });
  await inSentOrder(
    ...chunks(landing).map((batch) => {
      const created: ImportedMember[] = batch.flatMap((p) => {
        if (p.kind !== 'created') return [];
        const terminal = terminals.get(p.storeId);
        if (!terminal || p.target.cardNumber === null) throw new Error('import terminal missing');
        return [
          {
            id: p.target.memberId,
            cardNumber: p.target.cardNumber,
            name: p.row.name,
            phoneE164: p.row.phoneE164,
            phoneNational: p.row.phoneNational,
            email: p.row.email,
            birthday: p.row.birthday,
            storeId: p.storeId,
            terminalId: terminal.id,
            marketingConsent: marketingOf(p.target.memberId),
          },
        ];
      });
      return insertImportedMembers(tx, created, { at, opId: importId, hlc });
    }),
  );

  // Opening balances: one "import" entry per row with points, through the ledger's one writer.
  const entryIds = new Map<number, string>();
  const credit = async (batch: readonly (typeof landing)[number][]) => {
    const byTerminal = new Map<
      string,
      EntriesFrom & { entries: EntriesFrom['entries'][number][] }
    >();
    for (const p of batch) {
      const terminalId = terminals.get(p.storeId)?.id;
      if (!terminalId) throw new Error('import terminal missing');
      const entryId = random.uuidv7(now);
      entryIds.set(p.line, entryId);
      let from = byTerminal.get(terminalId);
      if (!from) {
        from = { opId: importId, terminalId, entries: [] };
        byTerminal.set(terminalId, from);
      }
      from.entries.push({
        id: entryId,
        memberId: p.target.memberId,
        kind: 'import',
        points: p.row.points,
        saleId: null,
        reversesId: null,
      });
    }
    const moves = await appendPointsEntries({ tx, at }, [...byTerminal.values()]);
    const latest = new Map<string, number>();
    for (const move of moves.flat()) latest.set(move.memberId, move.after);
    const changes: StreamChange[] = [...latest].map(([memberId, points]) =>
      balanceChange(memberId, points),
    );
    await publishChanges(tx, changes, at);
  };
  // A member two rows merge into may be credited by two batches: their balance upserts add up in
  // either order, and each batch publishes after its own, in the order sent.
  await inSentOrder(...chunks(landing.filter((p) => p.row.points > 0)).map(credit));

  const report = reportOf(planned, job.dryRun ? null : importId, job.dryRun, fileSha256);
  await tx.query(
    `INSERT INTO member_import (id, file_name, file_sha256, imported_by, imported_at, rows,
       created, merged, unchanged, errors)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      importId,
      job.fileName,
      fileSha256,
      job.actor,
      at,
      report.totals.rows,
      report.totals.created,
      report.totals.merged,
      report.totals.unchanged,
      report.totals.errors,
    ],
  );
  // New members came with the flag their consent leaves; members merged into are checked.
  const created = new Set(
    landing.flatMap((p) => (p.kind === 'created' ? [p.target.memberId] : [])),
  );
  // A member's events stay in one batch, so each batch moves whole members' standing answers.
  const consentBatches: ConsentEvent[][] = [[]];
  for (const list of eventsOf.values()) {
    const last = consentBatches[consentBatches.length - 1] ?? [];
    if (last.length >= IMPORT_BATCH) consentBatches.push([...list]);
    else last.push(...list);
  }
  await inSentOrder(
    ...consentBatches.map((batch) => appendConsentEventsInBulk(tx, batch, at, importId, created)),
  );
  await inSentOrder(
    ...chunks(landing).map((batch) =>
      tx.query(
        `INSERT INTO member_import_row (import_key, import_id, row_number, member_id, outcome,
           points, points_entry_id, points_expire_on)
         SELECT r.import_key, $2, r.row_number, r.member_id, r.outcome, r.points,
           r.points_entry_id, r.points_expire_on
         FROM unnest($1::text[], $3::int4[], $4::uuid[], $5::text[], $6::int8[], $7::uuid[],
           $8::date[])
           AS r (import_key, row_number, member_id, outcome, points, points_entry_id,
             points_expire_on)`,
        [
          batch.map((p) => p.key),
          importId,
          batch.map((p) => p.line),
          batch.map((p) => p.target.memberId),
          batch.map((p) => p.kind),
          batch.map((p) => p.row.points),
          batch.map((p) => entryIds.get(p.line) ?? null),
          batch.map((p) => p.row.pointsExpireOn),
        ],
      ),
    ),
  );
  return report;
}

function reportOf(
  planned: readonly { line: number; plan: Planned }[],
  importId: string | null,
  dryRun: boolean,
  fileSha256: string,
): MemberImportReport {
  const rows: ImportRowReport[] = planned.map(({ line, plan }) => {
    switch (plan.kind) {
      case 'error':
        return {
          row: line,
          outcome: 'error',
          memberId: null,
          cardNumber: null,
          mergedIntoRow: null,
          reason: plan.reason,
          column: plan.column === '' ? null : plan.column,
        };
      case 'unchanged':
        return {
          row: line,
          outcome: 'unchanged',
          memberId: plan.memberId,
          cardNumber: plan.cardNumber,
          mergedIntoRow: null,
          reason: null,
          column: null,
        };
      case 'created':
      case 'merged':
        return {
          row: line,
          outcome: plan.kind,
          memberId: plan.target.memberId,
          cardNumber: plan.target.cardNumber,
          mergedIntoRow: plan.kind === 'merged' ? plan.target.createdByRow : null,
          reason: null,
          column: null,
        };
      default: {
        const never: never = plan;
        return never;
      }
    }
  });
  const count = (outcome: ImportRowReport['outcome']) =>
    rows.filter((r) => r.outcome === outcome).length;
  return {
    dryRun,
    importId,
    fileSha256,
    totals: {
      rows: rows.length,
      created: count('created'),
      merged: count('merged'),
      unchanged: count('unchanged'),
      errors: count('error'),
    },
    rows,
  };
}

interface ImportTerminal {
  id: string;
  number: number;
  /** Members it has enrolled so far: the card sequence it has used. */
  cardsMinted: number;
}

/**
 * The import terminal of each store, made the first time a store needs one: a terminal row
 * revoked from birth (no credential can match its hash) whose number mints imported cards.
 */
async function importTerminals(
  tx: Queryable,
  random: ServiceRandom,
  at: string,
  storeIds: readonly string[],
): Promise<Map<string, ImportTerminal>> {
  const out = new Map<string, ImportTerminal>();
  for (const storeId of storeIds) {
    const { rows } = await tx.query<{ id: string; number: number; minted: number }>(
      `SELECT t.id, t.number, i.cards_minted AS minted
       FROM member_import_terminal i JOIN terminal t ON t.id = i.terminal_id
       WHERE i.store_id = $1`,
      [storeId],
    );
    const found = rows[0];
    if (found) {
      out.set(storeId, { id: found.id, number: found.number, cardsMinted: found.minted });
      continue;
    }
    const terminalId = random.uuidv7(Date.parse(at));
    const number = await claimTerminalNumber(tx, random, async (n) => {
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version,
           enrolled_at, revoked_at, revoked_by)
         VALUES ($1, $2, 'Member import', $3, $4, 'import', $5, $5, 'member import')
         ON CONFLICT (number) DO NOTHING RETURNING id`,
        [terminalId, storeId, n, `member-import:${terminalId}`, at],
      );
      return inserted.rows.length > 0;
    });
    await tx.query('INSERT INTO member_import_terminal (store_id, terminal_id) VALUES ($1, $2)', [
      storeId,
      terminalId,
    ]);
    out.set(storeId, { id: terminalId, number, cardsMinted: 0 });
  }
  return out;
}
