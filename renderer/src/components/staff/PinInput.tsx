import type { InputHTMLAttributes } from 'react';

/** Longest PIN a staff member can have: what every PIN input keeps. */
const PIN_MAX_DIGITS = 8;

/**
 * The PIN input every screen uses: hidden as typed, the number pad on touch screens, and only
 * digits kept (up to eight), so a stray letter or a pasted "12-34" never reaches the core.
 */
export function PinInput({
  onPin,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'type' | 'inputMode'> & {
  value: string;
  onPin: (pin: string) => void;
}) {
  return (
    <input
      {...input}
      type="password"
      inputMode="numeric"
      onChange={(e) => onPin(e.target.value.replace(/\D/g, '').slice(0, PIN_MAX_DIGITS))}
    />
  );
}
