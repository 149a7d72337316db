import { useState } from 'react';
import { dateOrder, formatDateText, parseDateText, type DatePart } from './dateText';

/**
 * A calendar date typed the shop's way ("31/12/2026" in Hong Kong, "2026/12/31" on the
 * mainland), never the browser's mm/dd/yyyy. The value is "YYYY-MM-DD", "" when empty, and
 * null while what is typed is not a date; the field says so.
 */
export function DateField({
  label,
  value,
  onChange,
  locale,
  partLetters,
  name,
  invalidText,
}: {
  label: string;
  value: string;
  onChange: (value: string | null) => void;
  /** The shop's Intl locale, e.g. "en-HK". */
  locale: string;
  /** How the placeholder names each part, in the shop's language ("DD", "MM", "YYYY"). */
  partLetters: Record<DatePart, string>;
  name?: string;
  /** Said under the field while what is typed is not a date; {format} is the placeholder. */
  invalidText?: (format: string) => string;
}) {
  const [text, setText] = useState(() => formatDateText(value, locale));
  const invalid = text.trim() !== '' && parseDateText(text, locale) === null;
  const placeholder = dateOrder(locale)
    .map((part) => partLetters[part])
    .join('/');
  return (
    <label className="date-field">
      {label}
      <input
        type="text"
        inputMode="numeric"
        autoComplete="off"
        name={name}
        value={text}
        placeholder={placeholder}
        size={12}
        maxLength={20}
        aria-invalid={invalid}
        onChange={(e) => {
          setText(e.target.value);
          const typed = e.target.value.trim();
          onChange(typed === '' ? '' : parseDateText(typed, locale));
        }}
      />
      {invalid && invalidText && (
        <span className="field-error" role="alert">
          {invalidText(placeholder)}
        </span>
      )}
    </label>
  );
}
