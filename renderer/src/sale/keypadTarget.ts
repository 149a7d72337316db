/**
 * The on-screen keypad types into the last number field the cashier touched (price, quantity,
 * points to use, cash received): each such field carries `data-keypad`. Typing goes through the
 * input's own value setter and an input event, so React's onChange runs exactly as for a key.
 */
export const KEYPAD_ATTRIBUTE = 'data-keypad';

let lastField: HTMLInputElement | null = null;

function remember(event: FocusEvent) {
  const target = event.target;
  if (target instanceof HTMLInputElement && target.hasAttribute(KEYPAD_ATTRIBUTE)) {
    lastField = target;
  }
}

/** Starts following focus; returns the function that stops it. */
export function followKeypadFields(): () => void {
  document.addEventListener('focusin', remember);
  return () => document.removeEventListener('focusin', remember);
}

/** The field the keypad types into: the last one touched, if it is still on screen. */
export function keypadField(): HTMLInputElement | null {
  if (lastField?.isConnected) return lastField;
  const first = document.querySelector<HTMLInputElement>(`input[${KEYPAD_ATTRIBUTE}]`);
  return first;
}

const valueSetter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;

export type KeypadKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | '.';

/** What a keypad press makes of the field's text: a digit appended, the last one removed, or none. */
export function keypadText(current: string, press: KeypadKey | 'back' | 'clear'): string {
  if (press === 'clear') return '';
  if (press === 'back') return current.slice(0, -1);
  if (press === '.' && current.includes('.')) return current;
  return current + press;
}

export function pressKeypad(press: KeypadKey | 'back' | 'clear' | 'enter'): boolean {
  const field = keypadField();
  if (!field) return false;
  field.focus();
  if (press === 'enter') {
    field.form?.requestSubmit();
    return true;
  }
  valueSetter?.call(field, keypadText(field.value, press));
  field.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
}
