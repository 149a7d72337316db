/** A terminal as head office lists it (GET /office/terminals), declared once for both sides. */
export interface TerminalView {
  id: string;
  storeId: string;
  storeName: string;
  name: string;
  number: number;
  appVersion: string;
  highWaterMark: number;
  enrolledAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  /** What the terminal last said it was set up with; its shape is the terminal's to change. */
  configured: unknown;
  /** Operations the terminal said were still waiting in its outbox; null until it says. */
  outboxPending: number | null;
}
