/**
 * member_import: members from the old system's CSV (issue 16 §5) at head office on the
 * PostgreSQL server (DATABASE_URL, or 127.0.0.1:5432/test), `rows` rows (default 100,000): one
 * real import through our code (runMemberImport: parse, read and normalise every row, find
 * duplicates, create the members with their cards and stream changes, append the opening
 * balances through the points ledger, record the consent events, key every row), timed in
 * seconds. Target: ≤ 30 s.
 *
 * The baseline, in the same run on the same server: the same rows' cells, already split, into a
 * bare table with no index, 1,000 rows a statement (INSERT … SELECT FROM unnest(…)) in one
 * transaction: what a COPY of the file would cost (pg-copy-streams is not installed, so COPY FROM
 * STDIN cannot be driven from node-postgres here).
 */
import type { PhoneCountry } from '../../shared/phone';
import { runMemberImport } from '../../server/members/memberImport';
import { rfmHeadOffice } from './rfmSegments';
import { elapsedMs, Sample, type BenchResult } from './stats';

const TARGET_S = 30;
const BARE_BATCH = 1000;

const HEADER =
  'name,phone,country,email,birthday,language,card,points,points_expiry,consent_sms_marketing,consent_email_marketing,consent_date';

function rowsOf(count: number): string[][] {
  const languages = ['en', 'zh-Hant', 'zh-Hans'];
  return Array.from({ length: count }, (_, i) => [
    `Member ${i}`,
    `9${String(1_000_000 + i).padStart(7, '0')}`,
    'HK',
    `member${i}@example.com`,
    `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
    languages[i % 3] ?? 'en',
    `OLD${String(i).padStart(8, '0')}`,
    String(100 + (i % 5000)),
    '2027-12-31',
    i % 2 === 0 ? 'yes' : 'no',
    i % 3 === 0 ? 'yes' : '',
    '2024-01-15',
  ]);
}

export async function benchMemberImport(
  rows: number,
  progress: (message: string) => void,
): Promise<BenchResult> {
  const { db, headOffice, drop } = await rfmHeadOffice('import');
  try {
    const store = await headOffice.admin.createStore('bench', { name: 'Central' });
    if (!store.ok) throw new Error(store.error.message);
    const cells = rowsOf(rows);
    const csv = [HEADER, ...cells.map((r) => r.join(','))].join('\n');

    progress(`member_import: bare insert of ${rows.toLocaleString('en')} rows`);
    await db.exec(`CREATE TABLE bare_member_import (name text, phone text, country text,
      email text, birthday text, language text, card text, points text, points_expiry text,
      consent_sms_marketing text, consent_email_marketing text, consent_date text)`);
    let started = process.hrtime.bigint();
    await db.transaction(async (tx) => {
      for (let i = 0; i < cells.length; i += BARE_BATCH) {
        const batch = cells.slice(i, i + BARE_BATCH);
        const columns = HEADER.split(',').map((_, c) => batch.map((r) => r[c] ?? ''));
        await tx.query(
          `INSERT INTO bare_member_import SELECT * FROM unnest(${columns
            .map((_, c) => `$${c + 1}::text[]`)
            .join(', ')})`,
          columns,
        );
      }
    });
    const bareMs = elapsedMs(started);

    progress(`member_import: importing ${rows.toLocaleString('en')} rows`);
    started = process.hrtime.bigint();
    const report = await runMemberImport(
      db,
      headOffice.clock,
      headOffice.random,
      {
        actor: 'bench',
        fileName: 'old-members.csv',
        csv,
        dryRun: false,
        defaultCountry: 'HK' as PhoneCountry,
        defaultStoreId: store.value.id,
      },
      { maxRows: rows },
    );
    const ms = elapsedMs(started);
    if (report.totals.created !== rows) {
      throw new Error(`member_import: ${report.totals.created} of ${rows} rows created`);
    }
    const ours = new Sample(1);
    ours.add(ms);
    ours.addRound(rows, ms);
    const bare = new Sample(1);
    bare.add(bareMs);
    bare.addRound(rows, bareMs);
    const seconds = ms / 1000;
    const baselineSeconds = bareMs / 1000;
    return {
      name: 'member_import',
      ours: ours.summary(),
      baseline: bare.summary(),
      target: `seconds <= ${TARGET_S} for 100,000 rows`,
      met: seconds <= TARGET_S,
      json: {
        rows,
        seconds: Number(seconds.toFixed(2)),
        baseline_seconds: Number(baselineSeconds.toFixed(2)),
        ratio: Number((seconds / baselineSeconds).toFixed(2)),
      },
      notes: [
        `${rows.toLocaleString('en')} rows on ${db.kind}: import ${seconds.toFixed(2)} s, bare unnest insert of the same cells ${baselineSeconds.toFixed(2)} s`,
      ],
    };
  } finally {
    await drop();
  }
}
