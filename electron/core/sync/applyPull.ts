import type Database from 'better-sqlite3-multiple-ciphers';
import { couponByCode, insertCouponVoid } from '../coupons/couponStore';
import {
  pulledBalance,
  pulledConfig,
  pulledCoupon,
  pulledOffer,
  pulledMember,
  pulledConsent,
  pulledErasure,
  type PulledConsent,
  type PullResponse,
  type PulledCoupon,
  type PulledMember,
} from '../../../shared/sync/protocol';
import { decodeHlc } from '../../../shared/hlc';
import { prepared } from '../db/statements';
import { memberSearchTokens } from '../members/searchTokens';
import { CountedPoints } from './pulledBalances';
import { HEAD_OFFICE } from '../program/programStore';
import { receiveHeadOfficeConfig } from '../program/programOwnership';
import { createLogger } from '../../../shared/logger';
import { writeCursor } from './syncStore';
import { applyOffer } from '../campaigns/memberOffers';
import { appendConsentEvent, storeWording } from '../consent/consentLedger';
import { applyErasure } from '../members/eraseMember';
import { appendComplaintEvent } from '../complaints/complaintStore';
import { complaintEvent } from '../../../shared/sync/operations';

const log = createLogger('sync');

/**
 * The marketing flag is not among them: it is a cache of the consent ledger, which arrives on the
 * consent stream and is applied through the ledger's one writer (see applyConsent).
 */
type ProfileField = 'name' | 'email' | 'birthday';
const profileFields: ProfileField[] = ['name', 'email', 'birthday'];

function newer(a: string, b: string | undefined): boolean {
  if (b === undefined) return true;
  const x = decodeHlc(a);
  const y = decodeHlc(b);
  if (!x || !y) return a > b;
  return x.ms !== y.ms
    ? x.ms > y.ms
    : x.counter !== y.counter
      ? x.counter > y.counter
      : x.node > y.node;
}

function refreshSearch(db: Database.Database, memberId: string): void {
  const row = prepared(db, 'SELECT member_no, name, phone_national FROM member WHERE id = ?').get(
    memberId,
  ) as { member_no: number; name: string; phone_national: string } | undefined;
  if (!row) return;
  prepared(db, 'DELETE FROM member_search WHERE rowid = ?').run(row.member_no);
  prepared(db, 'INSERT INTO member_search (rowid, tokens) VALUES (?, ?)').run(
    row.member_no,
    memberSearchTokens(row.name, row.phone_national),
  );
}

/** Per member, the latest clock of each field edited here and not yet counted by head office. */
type PendingEdits = Map<string, Partial<Record<ProfileField, string>>>;

function pendingEdits(db: Database.Database, asOfSeq: number): PendingEdits {
  const rows = prepared(
    db,
    `SELECT hlc, payload FROM outbox WHERE seq > ? AND op_type = 'member.updated' ORDER BY seq`,
  ).all(asOfSeq) as { hlc: string; payload: string }[];
  const pending: PendingEdits = new Map();
  for (const row of rows) {
    const edit = JSON.parse(row.payload) as { memberId?: unknown; fields?: unknown };
    if (typeof edit.memberId !== 'string' || typeof edit.fields !== 'object' || !edit.fields) {
      continue;
    }
    const fields = pending.get(edit.memberId) ?? {};
    for (const field of profileFields) {
      const previous = fields[field];
      if (field in edit.fields && (previous === undefined || newer(row.hlc, previous))) {
        fields[field] = row.hlc;
      }
    }
    pending.set(edit.memberId, fields);
  }
  return pending;
}

/**
 * A member from head office. New to this terminal: inserted (searchable, scannable). Known:
 * head office's value of each field is the last writer among every edit it has counted, which
 * includes all of this terminal's edits up to the page's high-water mark, so it is taken as is.
 * The one exception is an edit made here that head office has not counted yet and that is newer
 * than anything head office holds for this member: it will win there too, so it stays.
 *
 * (Comparing the member's clock with a per-field clock kept here is not enough: the member's
 * clock is the latest edit of any field, so a field that changed later with an older clock
 * would never be taken, and terminals would disagree with head office for good.)
 */
function applyMember(db: Database.Database, member: PulledMember, pending: PendingEdits): void {
  const local = prepared(db, 'SELECT field_hlc FROM member WHERE id = ?').get(member.id) as
    { field_hlc: string } | undefined;
  const national = member.phoneE164.replace(/^\+\d{1,3}/, '');
  if (!local) {
    const fieldHlc = Object.fromEntries(profileFields.map((f) => [f, member.hlc]));
    prepared(
      db,
      `INSERT INTO member (id, card_number, name, phone_e164, phone_national, email, birthday,
         marketing_consent, consent_at, consent_terminal_id, enrolled_at, enrolled_store_id,
         enrolled_store_name, enrolled_terminal_id, enrolled_by, referral_code, referred_by, hlc,
         merged_into, field_hlc, origin, preferred_language)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, NULL, ?, NULL, ?, ?, ?, 'head_office',
         -- Head office does not carry it yet: the shop's language, as for a member enrolled here.
         coalesce((SELECT locale FROM terminal WHERE id = 1
           AND locale IN ('en', 'zh-Hant', 'zh-Hans')), 'en'))`,
    ).run(
      member.id,
      member.cardNumber,
      member.name,
      member.phoneE164,
      national,
      member.email,
      member.birthday,
      member.marketingConsent ? 1 : 0,
      member.consentAt,
      member.enrolledAt,
      member.enrolledStoreId,
      member.enrolledStoreName,
      member.enrolledTerminalId,
      member.referralCode,
      member.hlc,
      member.mergedInto,
      JSON.stringify(fieldHlc),
    );
    refreshSearch(db, member.id);
    return;
  }
  const fieldHlc = JSON.parse(local.field_hlc) as Partial<Record<ProfileField, string>>;
  const mine = pending.get(member.id) ?? {};
  const changes: Partial<Record<ProfileField, unknown>> = {};
  for (const field of profileFields) {
    const pendingHlc = mine[field];
    if (pendingHlc === undefined || !newer(pendingHlc, member.hlc)) {
      changes[field] = member[field];
      fieldHlc[field] = member.hlc;
    }
  }
  prepared(
    db,
    `UPDATE member SET
       name = coalesce(?, name),
       email = CASE WHEN ? THEN ? ELSE email END,
       birthday = CASE WHEN ? THEN ? ELSE birthday END,
       merged_into = ?,
       field_hlc = ?
     WHERE id = ?`,
  ).run(
    (changes.name as string | undefined) ?? null,
    'email' in changes ? 1 : 0,
    (changes.email as string | null | undefined) ?? null,
    'birthday' in changes ? 1 : 0,
    (changes.birthday as string | null | undefined) ?? null,
    member.mergedInto,
    JSON.stringify(fieldHlc),
    member.id,
  );
  if ('name' in changes) refreshSearch(db, member.id);
}

/**
 * A coupon from head office: one issued at another store becomes redeemable here (by scan or
 * typing), and one redeemed anywhere in the chain is refused here as already used. Head office
 * still decides a coupon redeemed at two offline stores at once.
 */
function applyCoupon(db: Database.Database, coupon: PulledCoupon, at: string): void {
  // remote_state knows 'issued' and 'redeemed'; a void is its own append-only row.
  const state = coupon.state === 'voided' ? 'issued' : coupon.state;
  const updated = prepared(db, 'UPDATE coupon SET remote_state = ? WHERE id = ?').run(
    state,
    coupon.couponId,
  );
  if (updated.changes === 0) insertPulledCoupon(db, coupon, state, at);
  if (coupon.state === 'voided' && couponByCode(db, coupon.code)?.id === coupon.couponId) {
    insertCouponVoid(db, null, {
      couponId: coupon.couponId,
      refundId: null,
      terminalId: HEAD_OFFICE,
      at,
      hlc: '',
    });
  }
}

function insertPulledCoupon(
  db: Database.Database,
  coupon: PulledCoupon,
  state: 'issued' | 'redeemed',
  at: string,
): void {
  prepared(
    db,
    `INSERT INTO coupon (id, code, campaign_id, member_id, valid_from, valid_to, source,
       issued_sale_id, terminal_id, staff_id, remote_state, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, 'manual', NULL, 'head-office', NULL, ?, ?, '')
     ON CONFLICT (code) DO NOTHING`,
  ).run(
    coupon.couponId,
    coupon.code,
    coupon.campaignId,
    coupon.memberId,
    coupon.validFrom,
    coupon.validTo,
    state,
    at,
  );
}

/**
 * Members and balances arrive as they stand at head office when the page was read (pull.ts), so
 * every item of one entity in a page carries the same value: only the last needs applying. A
 * catch-up after a week offline pulls one balance item per sale, mostly for the same members.
 */
function lastPerEntity(response: PullResponse): PullResponse['items'] {
  if (response.stream !== 'members' && response.stream !== 'balances') return response.items;
  const key = (data: unknown): unknown =>
    typeof data === 'object' && data !== null
      ? response.stream === 'members'
        ? (data as { id?: unknown }).id
        : (data as { memberId?: unknown }).memberId
      : undefined;
  const last = new Map<unknown, number>();
  response.items.forEach((item, index) => {
    const id = key(item.data);
    if (typeof id === 'string') last.set(id, index);
  });
  return response.items.filter((item, index) => {
    const id = key(item.data);
    return typeof id !== 'string' || last.get(id) === index;
  });
}

function applyBalances(
  db: Database.Database,
  items: PullResponse['items'],
  asOf: number,
  counted: CountedPoints,
): void {
  const balances = items.flatMap((item) => {
    const parsed = pulledBalance.safeParse(item.data);
    if (parsed.success) return [parsed.data];
    log.warn('skipped a balance head office sent', { seq: item.seq });
    return [];
  });
  const included = counted.of(
    balances.map((b) => b.memberId),
    asOf,
  );
  const upsert = prepared(
    db,
    `INSERT INTO member_remote (member_id, points, as_of_seq, local_included)
     VALUES (?, ?, ?, ?)
     ON CONFLICT (member_id) DO UPDATE SET points = excluded.points,
       as_of_seq = excluded.as_of_seq, local_included = excluded.local_included
     WHERE excluded.as_of_seq >= member_remote.as_of_seq`,
  );
  for (const balance of balances) {
    upsert.run(balance.memberId, balance.points, asOf, included.get(balance.memberId) ?? 0);
  }
}

/**
 * A consent event recorded anywhere in the chain goes through the same writer as one recorded
 * here (an event this terminal already holds, its own coming back, is ignored there); a wording
 * version is kept for the enrollment screen.
 */
function applyConsent(db: Database.Database, item: PulledConsent, seq: number): void {
  if (item.kind === 'wording') {
    storeWording(db, item.wording);
    return;
  }
  const known = prepared(db, 'SELECT 1 FROM member WHERE id = ?').get(item.event.memberId);
  if (!known) {
    // Members are pulled before consent, and head office takes events only for its members.
    log.warn('skipped a consent event for a member not on this terminal', { seq });
    return;
  }
  appendConsentEvent(db, item.event);
}

function applyItem(
  db: Database.Database,
  response: PullResponse,
  item: PullResponse['items'][number],
  pending: PendingEdits,
): void {
  switch (response.stream) {
    case 'members': {
      const parsed = pulledMember.safeParse(item.data);
      if (parsed.success) applyMember(db, parsed.data, pending);
      else log.warn('skipped a member head office sent', { seq: item.seq });
      return;
    }
    case 'config': {
      const parsed = pulledConfig.safeParse(item.data);
      if (!parsed.success) {
        log.warn('skipped a configuration head office sent', { seq: item.seq });
        return;
      }
      const config = parsed.data;
      prepared(db, 'UPDATE sync_state SET offline_policy = ?, config_version = ? WHERE id = 1').run(
        JSON.stringify(config.offlineRedemption),
        config.version,
      );
      receiveHeadOfficeConfig(db, config);
      return;
    }
    case 'coupons': {
      const parsed = pulledCoupon.safeParse(item.data);
      if (parsed.success) applyCoupon(db, parsed.data, response.serverTime);
      else log.warn('skipped a coupon head office sent', { seq: item.seq });
      return;
    }
    case 'consent': {
      const parsed = pulledConsent.safeParse(item.data);
      if (parsed.success) applyConsent(db, parsed.data, item.seq);
      else log.warn('skipped a consent item head office sent', { seq: item.seq });
      return;
    }
    case 'erasures': {
      const parsed = pulledErasure.safeParse(item.data);
      if (parsed.success) applyErasure(db, parsed.data);
      else log.warn('skipped an erasure head office sent', { seq: item.seq });
      return;
    }
    case 'offers': {
      const parsed = pulledOffer.safeParse(item.data);
      if (parsed.success) applyOffer(db, parsed.data);
      else log.warn('skipped an offer head office sent', { seq: item.seq });
      return;
    }
    case 'complaints': {
      // Head office's answers (and the other terminals' steps) through the same writer.
      const parsed = complaintEvent.safeParse(item.data);
      if (parsed.success) appendComplaintEvent(db, parsed.data);
      else log.warn('skipped a complaint event head office sent', { seq: item.seq });
      return;
    }
    case 'products':
      // The till's catalogue applies these (built on the till's branch); until then, none kept.
      return;
    case 'balances':
      throw new Error('balances are applied a chunk at a time');
    default: {
      const never: never = response.stream;
      return never;
    }
  }
}

/**
 * Balances applied between two looks at the clock, with one grouped read of what head office
 * counts. Few: a member this pull has not met yet costs a read of each of their entries, which
 * on a cold disk is a few milliseconds each.
 */
const BALANCE_CHUNK = 4;

/**
 * Applies `items` from `from` on, in one transaction, until they are done or `budgetMs` has
 * passed, and stores the cursor of the last one applied (the page's cursor once all are).
 * Returns where it stopped.
 */
function applySlice(
  db: Database.Database,
  response: PullResponse,
  items: PullResponse['items'],
  from: number,
  budgetMs: number,
  counted: CountedPoints,
): number {
  let next = from;
  db.transaction(() => {
    const started = performance.now();
    const pending: PendingEdits =
      response.stream === 'members' && items.length > from
        ? pendingEdits(db, response.terminalHighWaterMark)
        : new Map();
    while (next < items.length) {
      if (response.stream === 'balances') {
        const chunk = items.slice(next, next + BALANCE_CHUNK);
        applyBalances(db, chunk, response.terminalHighWaterMark, counted);
        next += chunk.length;
      } else {
        applyItem(db, response, items[next] as PullResponse['items'][number], pending);
        next += 1;
      }
      if (performance.now() - started >= budgetMs) break;
    }
    const cursor =
      next >= items.length ? response.cursor : (items[next - 1]?.seq ?? response.cursor);
    writeCursor(db, response.stream, cursor);
  })();
  return next;
}

/** One pulled page and its new cursor, in one transaction. Items that fail to parse are skipped and logged. */
export function applyPullPage(db: Database.Database, response: PullResponse): void {
  applySlice(
    db,
    response,
    lastPerEntity(response),
    0,
    Number.POSITIVE_INFINITY,
    new CountedPoints(db),
  );
}

/** How long one slice of a page may take before the sale path gets the event loop back. */
export const PULL_SLICE_MS = 3;

export interface SliceOptions {
  /** Carries what head office counts of this terminal's points from page to page. */
  counted?: CountedPoints;
  budgetMs?: number;
}

/**
 * applyPullPage in slices of a few milliseconds, each its own transaction with the cursor of its
 * last item, and `pause()` between them: the sync worker shares the event loop with the sale
 * path, and a sale that arrives while a page is applied waits only for the slice under way.
 * Stopping between slices (a crash, a closed database) leaves a cursor that is exact for what
 * was applied.
 */
export async function applyPullPageInSlices(
  db: Database.Database,
  response: PullResponse,
  pause: () => Promise<void>,
  options: SliceOptions = {},
): Promise<void> {
  const items = lastPerEntity(response);
  const counted = options.counted ?? new CountedPoints(db);
  const budgetMs = options.budgetMs ?? PULL_SLICE_MS;
  for (let next = 0; ;) {
    next = applySlice(db, response, items, next, budgetMs, counted);
    if (next >= items.length) return;
    await pause();
  }
}
