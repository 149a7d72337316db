import type Database from 'better-sqlite3-multiple-ciphers';
import { shopHourOf, zoneOffsetMs } from '../../../shared/rules/businessDay';
import {
  addCouponUseGroup,
  addPointsGroup,
  addSaleGroup,
  finishFigures,
  goodsMinor,
} from '../../../shared/figures/figures';
import {
  emptyFigures,
  type CashierFigures,
  type Figures,
  type HourFigures,
} from '../../../shared/reports/report';
import {
  couponIssuedGroups,
  couponUseGroups,
  newMemberGroups,
  pointsGroups,
  saleGroups,
  staffNames,
  storedValueGroups,
} from './reportQueries';

const HOUR_MS = 3_600_000;

/**
 * Maps a "DDTHH:MM" slot of the range to the hour on the shop's clock. The zone's offset is read
 * once per UTC hour (at its start and end); only an hour with a clock change in it is read minute
 * by minute. A range is under a month long (a day, or a day and the evening before it after an
 * early Z), so a day of the month from the range's first day on is in its first month, and an
 * earlier one is in the month it ends in.
 */
function shopHourOfSlot(
  range: { from: string; to: string },
  timeZone: string,
): (slot: string) => number {
  const firstDay = range.from.slice(8, 10);
  const firstMonth = range.from.slice(0, 8);
  const lastMonth = range.to.slice(0, 8);
  const hours = new Map<string, { startMs: number; offset: number | null }>();
  const cache = new Map<string, number>();
  return (slot) => {
    const cached = cache.get(slot);
    if (cached !== undefined) return cached;
    const day = slot.slice(0, 2);
    const hourKey = slot.slice(0, 5);
    let hour = hours.get(hourKey);
    if (!hour) {
      const month = day >= firstDay ? firstMonth : lastMonth;
      const startMs = Date.parse(`${month}${hourKey}:00:00.000Z`);
      const a = zoneOffsetMs(startMs, timeZone);
      const b = zoneOffsetMs(startMs + HOUR_MS - 1000, timeZone);
      hour = { startMs, offset: a === b ? a : null };
      hours.set(hourKey, hour);
    }
    const at = hour.startMs + Number(slot.slice(6, 8)) * 60_000;
    const result =
      hour.offset === null ? shopHourOf(at, timeZone) : new Date(at + hour.offset).getUTCHours();
    cache.set(slot, result);
    return result;
  };
}

export interface FoldedFigures {
  totals: Figures;
  byCashier: CashierFigures[];
  byHour: HourFigures[];
}

/**
 * Reads the range once per table and adds every grouped row to three places: the totals, its
 * cashier and its shop-time hour. The same addition feeds all three, so by cashier and by hour
 * always sum to the totals. The common figures are added by shared/figures, as head office adds
 * its own rows.
 */
export function foldFigures(
  db: Database.Database,
  range: { from: string; to: string },
  timeZone: string,
  boundaryMinutes: number,
): FoldedFigures {
  const totals = emptyFigures();
  const cashiers = new Map<string, Figures>();
  const hours = new Map<number, Figures>();
  const hourOfSlot = shopHourOfSlot(range, timeZone);
  const targets = (staffId: string | null, slot: string): Figures[] => {
    const staffKey = staffId ?? '';
    let cashier = cashiers.get(staffKey);
    if (!cashier) {
      cashier = emptyFigures();
      cashiers.set(staffKey, cashier);
    }
    const hour = hourOfSlot(slot);
    let byHour = hours.get(hour);
    if (!byHour) {
      byHour = emptyFigures();
      hours.set(hour, byHour);
    }
    return [totals, cashier, byHour];
  };

  for (const g of saleGroups(db, range.from, range.to)) {
    const group = {
      kind: g.kind,
      member: g.member === 1,
      n: g.n,
      totalMinor: g.total,
      giftCardsSoldMinor: g.gift_cards_sold,
      pointsPaidMinor: g.redeem_value,
      giftCardPaidMinor: g.gift_card,
    };
    for (const f of targets(g.staff_id, g.slot)) {
      addSaleGroup(f, group);
      // The till's own: discounts as the sale rows hold them, and the money that changed hands.
      f.grossMinor += goodsMinor(group) + g.discount;
      f.discountsMinor += g.discount;
      f.moneyPaidMinor += g.total - g.redeem_value - g.gift_card - g.shortfall;
      f.refundCutMinor -= g.shortfall;
      if (g.offline) f.offlineCount += g.n;
      f.taxIncludedMinor += g.tax_included;
      f.taxAddedMinor += g.tax_added;
      f.taxMinor += g.tax_included + g.tax_added;
    }
  }

  for (const g of pointsGroups(db, range.from, range.to)) {
    for (const f of targets(g.staff_id, g.slot)) addPointsGroup(f, g);
  }

  for (const g of couponIssuedGroups(db, range.from, range.to)) {
    for (const f of targets(g.staff_id, g.slot)) f.couponsIssued += g.n;
  }
  for (const g of couponUseGroups(db, range.from, range.to)) {
    const group = { kind: g.kind, n: g.n, discountMinor: g.discount };
    for (const f of targets(g.staff_id, g.slot)) addCouponUseGroup(f, group);
  }

  for (const g of storedValueGroups(db, range.from, range.to)) {
    for (const f of targets(g.staff_id, g.slot)) {
      const c = f.giftCards;
      switch (g.kind) {
        case 'activate':
          c.sold.count += g.n;
          c.sold.amountMinor += g.amount;
          break;
        case 'top_up':
          c.toppedUp.count += g.n;
          c.toppedUp.amountMinor += g.amount;
          break;
        case 'pay':
          c.redeemed.count += g.n;
          c.redeemed.amountMinor -= g.amount;
          break;
        case 'refund_pay':
          c.paymentsReturnedMinor += g.amount;
          break;
        case 'expire':
          c.expiredMinor -= g.amount;
          break;
        default:
          // refund_activate, refund_top_up: value taken off a card whose sale was refunded.
          c.cardsRefundedMinor -= g.amount;
      }
    }
  }

  for (const g of newMemberGroups(db, range.from, range.to)) {
    for (const f of targets(g.staff_id, g.slot)) f.newMembers += g.n;
  }

  finishFigures(totals);
  for (const figures of [...cashiers.values(), ...hours.values()]) finishFigures(figures);
  const names = staffNames(db);
  const byCashier = [...cashiers.entries()]
    .map(([staffId, figures]) => ({ staffId, name: names.get(staffId) ?? '—', figures }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.staffId.localeCompare(b.staffId));
  const firstHour = Math.floor(boundaryMinutes / 60);
  const byHour = [...hours.entries()]
    .map(([hour, figures]) => ({ hour, figures }))
    .sort((a, b) => ((a.hour - firstHour + 24) % 24) - ((b.hour - firstHour + 24) % 24));
  return { totals, byCashier, byHour };
}
