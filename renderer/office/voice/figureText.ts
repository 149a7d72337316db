import type { VoiceFigureKind } from '../../../shared/office/voiceFigures';

/**
 * A dashboard figure as the admin reads it: counts and points whole, percents and scores to one
 * place, hours to one place, money in major units with two places. The dashboard spans stores,
 * so money carries no currency sign: it is in the chain's currency.
 */
export function figureText(kind: VoiceFigureKind, value: number | null, tag: string): string {
  if (value === null) return '—';
  const one = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  switch (kind) {
    case 'count':
    case 'points':
      return new Intl.NumberFormat(tag, { maximumFractionDigits: 0 }).format(value);
    case 'percent':
      return `${one.format(value)}%`;
    case 'score':
    case 'hours':
      return one.format(value);
    case 'money':
      return new Intl.NumberFormat(tag, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }).format(value / 100);
    default: {
      const never: never = kind;
      return never;
    }
  }
}
