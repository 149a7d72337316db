import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../shared/i18n';

/**
 * README.md's "Figures" section names every common figure by the label the screens, the PDF and
 * the CSV give it (the `figures.*` keys, which the till's reports and head office's report both
 * use): the two lists are the same, so a label renamed in one place cannot drift from the other.
 */
describe('the README’s Figures section', () => {
  it('names each figure by its English label, and no label that is not one', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.split('### Figures')[1]?.split('\n### ')[0] ?? '';
    const table = section.split('\n').filter((line) => line.startsWith('| **'));
    const named = new Set(
      table.flatMap((line) =>
        [...(line.split('|')[1] ?? '').matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]),
      ),
    );
    const labels = new Set(
      Object.entries(catalogs.en)
        .filter(([key]) => key.startsWith('figures.'))
        .map(([, label]) => label),
    );
    expect(named).toEqual(labels);
  });
});
