import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { APP_VERSION } from '../../shared/appVersion';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CORE = path.join(root, 'electron/core');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
      ? [path.relative(CORE, full).split(path.sep).join('/')]
      : [];
  });
}

/**
 * The core's modules with the core modules each imports, `import type` included: a type that
 * crosses a circle still ties its modules together (context → transport → enrollTerminal →
 * context was one, through APP_VERSION). One edge is left out: each migration names the
 * `Migration` type of the runner that lists it, a type-only import the build removes.
 */
function coreImports(): Map<string, string[]> {
  const files = sourceFiles(CORE);
  const known = new Set(files);
  const edges = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(path.join(CORE, file), 'utf8');
    const targets: string[] = [];
    for (const reference of ts.preProcessFile(text, true, true).importedFiles) {
      if (!reference.fileName.startsWith('.')) continue;
      const base = path.posix.join(path.posix.dirname(file), reference.fileName);
      const target = [base, `${base}.ts`, `${base}/index.ts`].find((f) => known.has(f));
      if (target === undefined) continue;
      if (file.startsWith('db/migrations/') && target === 'db/migrate.ts') continue;
      targets.push(target);
    }
    edges.set(file, targets);
  }
  return edges;
}

/** Groups of modules that load each other round a circle (Tarjan's algorithm). */
function circles(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) ?? 0);
    stack.push(file);
    onStack.add(file);
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const group: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    if (group.length > 1 || edges.get(file)?.includes(file)) found.push(group.sort());
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('APP_VERSION', () => {
  it('is the version in package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(APP_VERSION).toBe(pkg.version);
  });
});

describe('the core imports its modules in one direction', () => {
  it('has no circle of imports', () => {
    expect(circles(coreImports())).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const edges = new Map([
      ['context.ts', ['sync/transport.ts']],
      ['sync/transport.ts', ['sync/enrollTerminal.ts']],
      ['sync/enrollTerminal.ts', ['context.ts']],
      ['core.ts', ['context.ts']],
    ]);
    expect(circles(edges)).toEqual([['context.ts', 'sync/enrollTerminal.ts', 'sync/transport.ts']]);
  });
});
