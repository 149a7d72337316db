import { useEffect } from 'react';
import { useAppStore } from '../store';
import { api } from '../api';
import { ScannerBuffer, type Scan } from './scannerBuffer';

/** Remove the scanned characters a focused text field swallowed, the way React will notice. */
function stripScannedText(target: EventTarget | null, typed: string): void {
  if (!(target instanceof HTMLInputElement) || !target.value.endsWith(typed)) return;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(target, target.value.slice(0, -typed.length));
  target.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * A member card scanned on any screen opens that member; on the sale screen it attaches the
 * member to the sale instead, which is what the cashier is doing at that moment. On the sale
 * screen an item's barcode adds the item as a line (a card number no member has is tried as an
 * item too: in-store numbering labels goods as well). Elsewhere an item's barcode is left alone.
 */
async function handleScan(scan: Scan): Promise<void> {
  const { scanned } = scan;
  if (scanned.kind === 'card') {
    const found = await api.invoke('member.byCard', { cardNumber: scanned.card });
    const state = useAppStore.getState();
    if (found.ok && found.value) {
      if (state.screen === 'sale') state.attachMember(found.value);
      else void state.openMember(found.value.id);
      return;
    }
    const item =
      state.screen === 'sale' ? await api.invoke('catalogue.scan', { code: scanned.card }) : null;
    if (item?.ok && item.value) {
      useAppStore.getState().addCatalogueItem(item.value);
      return;
    }
    if (item && !item.ok && item.error.code === 'item_withdrawn') {
      state.showError(item.error);
      return;
    }
    // Neither: it was read as a member's card, and is said as one.
    state.showError(
      found.ok ? { code: 'member_not_found', message: 'No member has that card.' } : found.error,
    );
    return;
  }
  await useAppStore.getState().addScannedItem(scanned.code);
}

/**
 * Where an item's barcode may be scanned: the sale screen's line entry and item search (marked
 * data-item-scan), or anywhere that is not a text field. A code scanned into another field (a
 * coupon, a gift card, a member search) is that field's.
 */
export function takesItemScan(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return true;
  if (target.closest('[data-item-scan]')) return true;
  return !(
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement ||
    target.isContentEditable
  );
}

export function useCardScanner(): void {
  useEffect(() => {
    const buffer = new ScannerBuffer();
    const onKeyDown = (event: KeyboardEvent) => {
      const scan = buffer.feed(event.key, event.timeStamp);
      if (!scan) return;
      if (
        scan.scanned.kind === 'item' &&
        (useAppStore.getState().screen !== 'sale' || !takesItemScan(event.target))
      ) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      stripScannedText(event.target, scan.typed);
      void handleScan(scan);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
