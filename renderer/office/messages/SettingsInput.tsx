import { useId } from 'react';

/** One labelled input of the sending settings. */
export function SettingsInput(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'time' | 'number' | 'url';
  hint?: string | undefined;
}) {
  const id = useId();
  return (
    <div className="program-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        value={props.value}
        autoComplete={props.type === 'password' ? 'new-password' : 'off'}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
      />
      {props.hint && (
        <span id={`${id}-hint`} className="office-detail">
          {props.hint}
        </span>
      )}
    </div>
  );
}
