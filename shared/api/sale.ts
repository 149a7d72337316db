import { z } from 'zod';
import { operation } from './operation';
import { amountMinor, id, points, requiredText, searchText } from './fields';
import type { Receipt, Sale, SalePreview } from '../domain';

const saleLine = z.strictObject({
  description: requiredText(80),
  quantity: z.number().int().min(1).max(9999),
  unitPriceMinor: amountMinor,
});

const basket = {
  memberId: id.nullable(),
  lines: z.array(saleLine).min(1).max(200),
  redeemPoints: points,
};

export const saleOperations = {
  /** What the sale would earn and cost, shown before the cashier confirms. Writes nothing. */
  'sale.preview': operation<SalePreview>()(z.strictObject(basket)),
  /**
   * Commits a sale. `saleId` is made by the client so that a retried or double-clicked
   * confirm returns the first receipt instead of charging twice.
   */
  'sale.record': operation<Receipt>()(z.strictObject({ saleId: id, ...basket })),
  'sale.refund': operation<Receipt>()(
    z.strictObject({ saleId: id, refundId: id, reason: requiredText(200) }),
  ),
  'sale.get': operation<Receipt>()(z.strictObject({ saleId: id })),
  'sale.recent': operation<Sale[]>()(
    z.strictObject({
      query: searchText(40).optional(),
      limit: z.number().int().min(1).max(100).optional(),
    }),
  ),
};
