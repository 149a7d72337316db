import { useEffect, useState } from 'react';
import { useT } from '../../i18n/useT';
import { followKeypadFields, pressKeypad, type KeypadKey } from '../../sale/keypadTarget';

const digits: readonly KeypadKey[] = ['7', '8', '9', '4', '5', '6', '1', '2', '3', '0', '00', '.'];

/**
 * An on-screen number pad for a touch screen: it types into the last price, quantity, points or
 * cash field touched; Enter does what Enter does in that field (adds the line, confirms the sale).
 * A key press keeps the cursor in the field, so a keyboard and the pad can be mixed.
 */
export function NumericKeypad() {
  const t = useT();
  const [lost, setLost] = useState(false);
  useEffect(() => followKeypadFields(), []);

  function press(key: Parameters<typeof pressKeypad>[0]) {
    setLost(!pressKeypad(key));
  }

  return (
    <div className="keypad" role="group" aria-label={t('keypad.label')}>
      {digits.map((key) => (
        <button
          key={key}
          type="button"
          className={`keypad-key key-${key === '.' ? 'dot' : key}`}
          onPointerDown={(event) => event.preventDefault()}
          onClick={() => press(key)}
        >
          {key}
        </button>
      ))}
      <button
        type="button"
        className="keypad-key key-back"
        aria-label={t('keypad.backspace')}
        onPointerDown={(event) => event.preventDefault()}
        onClick={() => press('back')}
      >
        ⌫
      </button>
      <button
        type="button"
        className="keypad-key key-clear"
        aria-label={t('keypad.clear')}
        onPointerDown={(event) => event.preventDefault()}
        onClick={() => press('clear')}
      >
        C
      </button>
      <button
        type="button"
        className="keypad-key key-enter primary"
        onPointerDown={(event) => event.preventDefault()}
        onClick={() => press('enter')}
      >
        {t('keypad.enter')}
      </button>
      {lost && (
        <p className="hint keypad-hint" role="status">
          {t('keypad.noField')}
        </p>
      )}
    </div>
  );
}
