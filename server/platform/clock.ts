/** Where head office reads the time: injected so tests and simulations control it. */
export interface ServiceClock {
  now: () => number;
}

export function isoAt(clock: ServiceClock): string {
  return new Date(clock.now()).toISOString();
}

/** timestamptz comes back as a Date from both drivers; the wire carries ISO strings. */
export function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

export function isoRequired(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}
