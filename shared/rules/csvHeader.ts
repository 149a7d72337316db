/**
 * A CSV header as the office's imports read it (members, catalogue): names trimmed and
 * lower-cased, in any order; which are unknown, which required ones are missing, which repeated.
 */
export function checkCsvHeader(
  header: readonly string[],
  known: readonly string[],
  required: readonly string[],
): { unknown: string[]; missing: string[]; duplicated: string[] } {
  const names = header.map((h) => h.trim().toLowerCase());
  const knownNames = new Set<string>(known);
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const n of names) {
    if (seen.has(n)) duplicated.add(n);
    seen.add(n);
  }
  return {
    unknown: names.filter((n) => !knownNames.has(n)),
    missing: required.filter((c) => !seen.has(c)),
    duplicated: [...duplicated],
  };
}
