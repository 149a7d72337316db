/** A labelled line of text in an office form (the label names the input for screen readers). */
export function TextField(props: {
  label: string;
  value: string;
  maxLength: number;
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}
      <input
        value={props.value}
        maxLength={props.maxLength}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
