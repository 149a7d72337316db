import { z } from 'zod';
import { operation } from './operation';
import { amountMinor, id, pin, points, requiredText, searchText, text } from './fields';
import type { Receipt, Sale, SalePreview } from '../domain';

const saleLine = z.strictObject({
  /**
   * What the cashier typed, or empty: a line nobody named is stored without a name, and each
   * screen and receipt names it in its reader's language ("Goods", 「貨品」).
   */
  description: text(80),
  quantity: z.number().int().min(1).max(9999),
  unitPriceMinor: amountMinor,
  sku: text(40).nullable().optional(),
  category: text(40).nullable().optional(),
  /** goods (default), gift_card (sell and activate a new card), gift_card_topup (needs giftCardCode). */
  kind: z.enum(['goods', 'gift_card', 'gift_card_topup']).optional(),
  giftCardCode: text(20).nullable().optional(),
});

const basket = {
  memberId: id.nullable(),
  lines: z.array(saleLine).min(1).max(200),
  redeemPoints: points,
  couponCodes: z.array(text(20)).max(10).optional(),
  giftCardPayments: z
    .array(z.strictObject({ code: text(20), amountMinor: amountMinor.min(1) }))
    .max(5)
    .optional(),
  /** A manager's PIN to redeem beyond the offline limit; the override is audited. */
  overridePin: pin.optional(),
  /** How the money part was paid: cash (the default) goes into the shift's drawer count. */
  moneyTender: z.enum(['cash', 'card']).optional(),
};

export const saleOperations = {
  /** What the sale would earn and cost, shown before the cashier confirms. Writes nothing. */
  'sale.preview': operation<SalePreview>()(z.strictObject(basket), 'cashier'),
  /**
   * Commits a sale. `saleId` is made by the client so that a retried or double-clicked
   * confirm returns the first receipt instead of charging twice.
   */
  'sale.record': operation<Receipt>()(
    z.strictObject({
      saleId: id,
      ...basket,
      /**
       * Cash the customer handed over, when the cashier typed it: a cash sale only, at least the
       * amount due. The receipt prints it with the change.
       */
      cashReceivedMinor: amountMinor.optional(),
    }),
    'cashier',
  ),
  /** Refunds the whole sale, or only the given quantities of the given lines. */
  'sale.refund': operation<Receipt>()(
    z.strictObject({
      saleId: id,
      refundId: id,
      reason: requiredText(200),
      /** A manager's PIN when a cashier refunds more than the store's refund limit; audited. */
      managerPin: pin.optional(),
      lines: z
        .array(
          z.strictObject({
            lineNo: z.number().int().min(1).max(500),
            quantity: z.number().int().min(1).max(9999),
          }),
        )
        .min(1)
        .max(200)
        .optional(),
    }),
    'cashier',
  ),
  /**
   * A manager approves a new price for a line of the open sale: the PIN is always typed (a
   * manager signed in types theirs too) and the change is audited with the line's price before
   * and after. The sale itself is recorded later with the new price, as any line.
   */
  'sale.approvePriceChange': operation<{ approvedBy: string }>()(
    z.strictObject({
      saleId: id,
      description: text(80),
      fromMinor: amountMinor,
      toMinor: amountMinor,
      managerPin: pin,
    }),
    'manager',
  ),
  'sale.get': operation<Receipt>()(z.strictObject({ saleId: id }), 'cashier'),
  'sale.recent': operation<Sale[]>()(
    z.strictObject({
      query: searchText(40).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    }),
    'cashier',
  ),
};
