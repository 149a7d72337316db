import { displayBasketOf, type DisplayBasket } from '../../../shared/display/displayView';
import { api } from '../api';
import { useAppStore } from '../store';
import type { AppState } from '../store/types';

/** Publishing waits this long after the last change, so a burst of typing is one update. */
const SETTLE_MS = 120;

const basketOfState = (state: AppState): DisplayBasket =>
  displayBasketOf({
    memberId: state.saleMember?.id ?? null,
    lines: state.lines,
    preview: state.preview,
  });

const sameBasket = (a: DisplayBasket, b: DisplayBasket): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * Keeps the customer display showing the till's sale: every change of the basket, member or
 * price is published (display.show) a moment after it settles. It never waits the sale path: a
 * failed publish is dropped, the next change sends the whole basket again.
 */
export function startCustomerDisplayFeed(): () => void {
  let last: DisplayBasket | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const publish = () => {
    const state = useAppStore.getState();
    if (!state.terminal?.signedIn) return;
    const basket = basketOfState(state);
    if (last && sameBasket(last, basket)) return;
    last = basket;
    void api.invoke('display.show', basket).then((result) => {
      if (!result.ok) last = null;
    });
  };
  const unsubscribe = useAppStore.subscribe((state, before) => {
    if (
      state.lines === before.lines &&
      state.preview === before.preview &&
      state.saleMember === before.saleMember &&
      state.terminal?.signedIn === before.terminal?.signedIn
    )
      return;
    clearTimeout(timer);
    timer = setTimeout(publish, SETTLE_MS);
  });
  publish();
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/**
 * After a sale is recorded: the program decides whether to ask (feedback.shouldAsk, its sampling
 * and not-twice rules) and on which scale; if so the display asks its closing question. Never
 * awaited by the sale: the receipt is on screen already.
 */
export async function askOnDisplay(saleId: string): Promise<void> {
  const should = await api.invoke('feedback.shouldAsk', { saleId });
  if (should.ok && should.value.ask)
    await api.invoke('display.ask', { saleId, scale: should.value.scale });
}
