import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member, SalePreview } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import type { PulledOffer, PullResponse } from '../../../shared/sync/protocol';
import { openTestCore, unwrap, type TestCore } from '../../../test/unit/helpers/terminal';
import { enroll, goods, makeClock, rows, sell } from '../../../test/unit/helpers/loyalty';
import { applyPullPage } from '../sync/applyPull';

/**
 * A campaign's double points at an offline counter: the offer arrives on the offers stream, the
 * sale earns ×2 for the treated member only, the cashier sees it, the receipt prints it, and
 * the sale tells head office which offer it used so head office can price it again.
 */

const campaignId = '0190a000-0000-7000-8000-000000000001';
const variantId = '0190a000-0000-7000-8000-0000000000a1';

let core: TestCore;
let treated: Member;
let holdout: Member;
let seq = 0;

function offersPage(items: PulledOffer[]): PullResponse {
  return {
    stream: 'offers',
    items: items.map((data) => ({ seq: ++seq, stream: 'offers', data })),
    cursor: seq,
    hasMore: false,
    terminalHighWaterMark: 0,
    serverTime: '2025-03-05T04:00:00.000Z',
  };
}

const doubleWeek = (memberId: string, more: Partial<PulledOffer> = {}): PulledOffer => ({
  campaignId,
  variantId,
  memberId,
  campaignName: 'Double week',
  percent: 200,
  from: '2025-03-03',
  to: '2025-03-09',
  withdrawn: false,
  ...more,
});

const preview = (memberId: string) =>
  unwrap(
    core.dispatch('sale.preview', {
      memberId,
      lines: [goods(12_345)],
      redeemPoints: 0,
    }),
  ) as SalePreview;

beforeEach(() => {
  seq = 0;
  // Wednesday noon in Hong Kong; the terminal has never reached head office (offline).
  core = openTestCore({ now: makeClock('2025-03-05T04:00:00.000Z').now });
  treated = enroll(core);
  holdout = enroll(core, { name: 'Bo Lee' });
  applyPullPage(core.db, offersPage([doubleWeek(treated.id)]));
});
afterEach(() => core.cleanup());

describe('a double-points offer at the counter', () => {
  it('shows the cashier the offer and earns floor(12345×2/100)=246 for the treated member', () => {
    const shown = preview(treated.id);
    expect(shown.campaignOffer).toEqual({
      campaignName: 'Double week',
      percent: 200,
      to: '2025-03-09',
    });
    expect(shown.pointsEarned).toBe(246);

    const receipt = sell(core, { memberId: treated.id, lines: [goods(12_345)] });
    expect(receipt.sale.pointsEarned).toBe(246);
    expect(receipt.campaignOffer).toEqual({ campaignName: 'Double week', percent: 200, to: null });
    const reprint = unwrap(
      core.dispatch('sale.get', { saleId: receipt.sale.id }),
    ) as typeof receipt;
    expect(reprint.campaignOffer).toEqual(receipt.campaignOffer);

    const [op] = rows<{ payload: string }>(
      core,
      "SELECT payload FROM outbox WHERE op_type = 'sale.recorded' ORDER BY seq DESC LIMIT 1",
    );
    expect(JSON.parse(op!.payload).offer).toEqual({ campaignId, variantId, percent: 200 });
  });

  it('gives a member without the offer (the holdout) single points and says nothing', () => {
    expect(preview(holdout.id).campaignOffer).toBeNull();
    const receipt = sell(core, { memberId: holdout.id, lines: [goods(12_345)] });
    expect(receipt.sale.pointsEarned).toBe(123);
    expect(receipt.campaignOffer).toBeNull();
    const [op] = rows<{ payload: string }>(
      core,
      "SELECT payload FROM outbox WHERE op_type = 'sale.recorded' ORDER BY seq DESC LIMIT 1",
    );
    expect(JSON.parse(op!.payload).offer).toBeNull();
  });

  it('stops once withdrawn, and an older item never brings it back', () => {
    applyPullPage(core.db, offersPage([doubleWeek(treated.id, { withdrawn: true })]));
    expect(preview(treated.id).campaignOffer).toBeNull();
    applyPullPage(core.db, offersPage([doubleWeek(treated.id)]));
    expect(preview(treated.id).campaignOffer).toBeNull();
  });

  it('does nothing outside its dates', () => {
    applyPullPage(
      core.db,
      offersPage([
        doubleWeek(holdout.id, {
          campaignId: uuidv7(),
          from: '2025-04-01',
          to: '2025-04-07',
        }),
      ]),
    );
    expect(preview(holdout.id).campaignOffer).toBeNull();
  });

  it('skips a hostile item and keeps the cursor moving', () => {
    const bad = offersPage([doubleWeek(holdout.id)]);
    (bad.items[0] as { data: unknown }).data = { ...doubleWeek(holdout.id), percent: 1e9 };
    applyPullPage(core.db, bad);
    expect(preview(holdout.id).campaignOffer).toBeNull();
    expect(rows(core, "SELECT cursor FROM sync_cursor WHERE stream = 'offers'")).toEqual([
      { cursor: seq },
    ]);
  });
});
