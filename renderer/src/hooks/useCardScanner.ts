import { useEffect } from 'react';
import { useAppStore } from '../store';
import { ScannerBuffer } from './scannerBuffer';

/** Remove the scanned digits a focused text field swallowed, the way React will notice. */
function stripScannedDigits(target: EventTarget | null, card: string): void {
  if (!(target instanceof HTMLInputElement) || !target.value.endsWith(card)) return;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  setter?.call(target, target.value.slice(0, -card.length));
  target.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * A card scanned on any screen opens that member; on the sale screen it attaches the member to
 * the sale instead, which is what the cashier is doing at that moment.
 */
export function useCardScanner(): void {
  useEffect(() => {
    const buffer = new ScannerBuffer();
    const onKeyDown = (event: KeyboardEvent) => {
      const card = buffer.feed(event.key, event.timeStamp);
      if (!card) return;
      event.preventDefault();
      event.stopPropagation();
      stripScannedDigits(event.target, card);
      const state = useAppStore.getState();
      void state.openMemberByCard(card).then((member) => {
        if (!member) return;
        const now = useAppStore.getState();
        if (now.screen === 'sale') now.attachMember(member);
        else void now.openMember(member.id);
      });
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);
}
