/** The id of the sale screen's price field: where a cashier's typing goes between lines. */
export const PRICE_FIELD_ID = 'sale-price';

/**
 * Puts the cursor back in the price field. A button that removes itself (a line's ✕) would
 * otherwise leave focus on the page body, and the next price typed would go nowhere.
 */
export function focusPriceField(): void {
  document.getElementById(PRICE_FIELD_ID)?.focus();
}
