import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

/** Why a backup was taken. */
export const backupReasons = ['shift_close', 'z_close', 'scheduled', 'manual'] as const;
export type BackupReason = (typeof backupReasons)[number];

const tableDigest = z.strictObject({
  rows: z.number().int().min(0),
  lastKey: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * What is written beside every backup once it has been verified (`<backup>.manifest.json`). A
 * backup without one was never verified and is never offered for a restore. The file is
 * `unknown` until this schema parses it: a USB stick can hold anything.
 */
export const backupManifest = z.strictObject({
  format: z.literal(1),
  /** The backup's file name, in the same folder. */
  file: z.string().regex(/^ledger-[0-9TZ-]+-[a-z_]+\.sqlite3$/),
  createdAt: z.iso.datetime(),
  reason: z.enum(backupReasons),
  schemaVersion: z.number().int().min(1),
  terminalId: z.string().max(64).nullable(),
  terminalName: z.string().max(200).nullable(),
  bytes: z.number().int().min(1),
  /** SHA-256 of the backup file: a copy changed since it was verified is refused. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The highest outbox seq in the backup, and how far head office had acknowledged it. */
  outboxSeq: z.number().int().min(0),
  ackedSeq: z.number().int().min(0),
  rowCounts: z.record(z.string(), z.number().int().min(0)),
  appendOnly: z.record(z.string(), tableDigest),
  verifiedAt: z.iso.datetime(),
});
export type BackupManifest = z.infer<typeof backupManifest>;

export const manifestFileFor = (backupFile: string): string => `${backupFile}.manifest.json`;

/** The manifest beside a backup, or null when there is none or it does not parse. */
export function readManifest(backupFile: string): BackupManifest | null {
  const file = manifestFileFor(backupFile);
  if (!existsSync(file)) return null;
  try {
    const parsed = backupManifest.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Written whole and renamed into place: a manifest is there complete or not at all. */
export function writeManifest(backupFile: string, manifest: BackupManifest): void {
  const file = manifestFileFor(backupFile);
  const partial = `${file}.partial`;
  writeFileSync(partial, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  renameSync(partial, file);
}
