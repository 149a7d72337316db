/**
 * Backups and recovery as the screens see them (electron/core/backup, electron/core/recovery).
 */
export const backupReasonNames = ['shift_close', 'z_close', 'scheduled', 'manual'] as const;
export type BackupReasonName = (typeof backupReasonNames)[number];

/** One verified backup. */
export interface BackupSummary {
  file: string;
  createdAt: string;
  reason: BackupReasonName;
  terminalName: string | null;
  /** The last outbox seq it holds, and how far head office had acknowledged it then. */
  outboxSeq: number;
  ackedSeq: number;
  sales: number;
}

export interface BackupSettingsView {
  folder: string;
  /** False while backups go to the default folder inside the data folder. */
  chosen: boolean;
  everyHours: number;
  newest: BackupSummary | null;
  /** Why the last backup failed, until one succeeds. */
  lastFailure: string | null;
}

export const ledgerProblemNames = ['missing', 'empty', 'unreadable', 'damaged'] as const;
export type LedgerProblemName = (typeof ledgerProblemNames)[number];

/**
 * What head office said when asked about this terminal (a restore's "what was lost"): it holds
 * every operation up to `highWaterMark`, and last heard from the terminal at `lastSeenAt`.
 */
export interface HeadOfficeView {
  highWaterMark: number;
  lastSeenAt: string | null;
  /** Operations the terminal said were still waiting when head office last heard from it. */
  pendingAtLastSeen: number | null;
}

/** Where the terminal stands: in use, or waiting for a restore or for head office after one. */
export type RecoveryStatus =
  | { state: 'ready' }
  | {
      state: 'recovery';
      problem: LedgerProblemName;
      detail: string;
      /** Verified backups, newest first. */
      backups: BackupSummary[];
      folder: string;
    }
  | {
      /** Restored; its own operations are being brought back from head office before it sells. */
      state: 'resyncing';
      restoredFrom: BackupSummary;
      /** Why the last attempt failed (head office unreachable): the screen offers to retry. */
      lastError: string | null;
    };

/** What a restore brought back. */
export interface RestoreResult {
  restoredFrom: BackupSummary;
  /** Operations of this terminal after the backup that head office had and were written back. */
  recoveredOperations: number;
  /** Of them, sales and refunds. */
  recoveredSales: number;
  /** Head office's view, or null when the terminal was never enrolled. */
  headOffice: HeadOfficeView | null;
  /** Operations the backup held that head office had not acknowledged: they are sent now. */
  unsentInBackup: number;
}
