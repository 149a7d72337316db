/**
 * PostgreSQL cannot store U+0000 in text or jsonb, nor a lone UTF-16 surrogate in jsonb. JSON
 * allows both. An operation carrying one would fail on every retry and block the terminal's
 * outbox forever, so it is refused up front with the path of the offending value.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function badText(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate';
  return null;
}

/** The first string (or key) PostgreSQL cannot store, as "path: problem", or null. */
export function findUnstorableText(value: unknown, path = '$', depth = 0): string | null {
  if (depth > 64) return `${path}: nested too deeply`;
  if (typeof value === 'string') {
    const problem = badText(value);
    return problem ? `${path}: ${problem}` : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorableText(value[i], `${path}[${i}]`, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const keyProblem = badText(key);
      if (keyProblem) return `${path}: a key ${keyProblem}`;
      const found = findUnstorableText(child, `${path}.${key}`, depth + 1);
      if (found) return found;
    }
  }
  return null;
}
