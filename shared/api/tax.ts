import { z } from 'zod';
import { operation } from './operation';
import { pin } from './fields';
import { storeTax, type StoreTax } from '../rules/tax';

export const taxOperations = {
  /** The store's tax mode and default rate (shared/rules/tax.ts); the sale screen shows tax by it. */
  'tax.settings': operation<StoreTax>()(z.strictObject({}), 'cashier'),
  /** Sets the store's tax mode and default rate; audited. Sales already rung up keep theirs. */
  'tax.configure': operation<StoreTax>()(
    z.strictObject({ settings: storeTax, managerPin: pin.optional() }),
    'manager',
  ),
};
