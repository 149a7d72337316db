import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * How head office is put together, checked on its source (README.md, "Folders"): imports flow
 * one way between its folders, no module imports itself back through a circle, and one module
 * writes the points ledger.
 */
const SERVER = path.dirname(fileURLToPath(import.meta.url));

interface Import {
  /** The imported module, relative to server/ (always a file under server/). */
  target: string;
  line: number;
}

interface Module {
  /** Relative to server/, with forward slashes. */
  file: string;
  text: string;
  imports: Import[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts')
      ? [path.relative(SERVER, full).split(path.sep).join('/')]
      : [];
  });
}

/**
 * Every module under server/ with the server modules it imports: static imports and re-exports,
 * `import type` included (a layer that needs another's types depends on it), and dynamic
 * imports. Imports of packages and of shared/ are not head office's structure and are left out.
 */
function serverModules(): Module[] {
  const files = sourceFiles(SERVER);
  const known = new Set(files);
  return files.map((file) => {
    const text = readFileSync(path.join(SERVER, file), 'utf8');
    const imports: Import[] = [];
    for (const reference of ts.preProcessFile(text, true, true).importedFiles) {
      if (!reference.fileName.startsWith('.')) continue;
      const base = path.posix.join(path.posix.dirname(file), reference.fileName);
      const target = [base, `${base}.ts`, `${base}/index.ts`].find((f) => known.has(f));
      if (target === undefined) continue;
      imports.push({ target, line: text.slice(0, reference.pos).split('\n').length });
    }
    return { file, text, imports };
  });
}

/** Modules that import each other round a circle, one group per circle (Tarjan's algorithm). */
function importCircles(modules: readonly Module[]): string[][] {
  const edges = new Map(modules.map((m) => [m.file, m.imports.map((i) => i.target)]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
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
    if (group.length > 1 || edges.get(file)?.includes(file)) circles.push(group.sort());
  };
  for (const file of edges.keys()) if (!index.has(file)) visit(file);
  return circles;
}

/**
 * Head office's layers, highest first: a folder, or a file at the top of server/. A module may
 * import modules of its own folder and of any layer below its own; never of a layer above it, nor
 * of another folder in its own layer. Tests (*.test.ts) and server/testing/ drive head office
 * whole and may import anything; nothing else imports server/testing/.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['main.ts'],
  ['http'],
  ['headOffice.ts'],
  // Segments read the analytics' RFM and tiers, so campaigns sit above them; metrics read the
  // analytics' program and snapshot too.
  ['campaigns', 'members', 'metrics'],
  ['sync', 'office', 'analytics'],
  ['admin'],
  ['exceptions'],
  ['messages'],
  ['ledger', 'consent', 'privacy', 'voice', 'catalogue'],
  ['jobs'],
  ['db'],
  ['platform'],
];
const TEST_SUPPORT = 'testing';

/** The folder a module is in, or its own name at the top of server/. */
function placeOf(file: string): string {
  return file.split('/')[0] ?? file;
}

function isTest(file: string): boolean {
  return file.endsWith('.test.ts') || placeOf(file) === TEST_SUPPORT;
}

/** Each import that goes up or sideways, as `file:line imports target: why`. */
function wrongImports(modules: readonly Module[]): string[] {
  const layerOf = (place: string) => LAYERS.findIndex((layer) => layer.includes(place));
  const wrong: string[] = [];
  for (const module of modules) {
    if (isTest(module.file)) continue;
    const from = placeOf(module.file);
    const layer = layerOf(from);
    if (layer < 0) {
      wrong.push(`${module.file} is in no layer: add ${from} to LAYERS and to server/README.md`);
      continue;
    }
    for (const { target, line } of module.imports) {
      const to = placeOf(target);
      if (to === from) continue;
      const where = `${module.file}:${line} imports ${target}`;
      if (to === TEST_SUPPORT) wrong.push(`${where}: only tests use ${TEST_SUPPORT}/`);
      else if (layerOf(to) <= layer) {
        const below = LAYERS.slice(layer + 1).flat();
        wrong.push(`${where}: ${from} may import only ${below.join(', ')}`);
      }
    }
  }
  return wrong;
}

/** The one module that writes points entries and cached balances (ledger/pointsLedger.ts). */
const LEDGER_WRITER = 'ledger/pointsLedger.ts';

/** SQL that writes the points ledger's tables, however it is spelled or spaced. */
const ledgerWrite =
  /\b(?:insert\s+into|update|delete\s+from|truncate(?:\s+table)?|merge\s+into|copy)\s+(?:only\s+)?(?:public\.)?"?(?:points_entry|member_balance)\b/gi;

/** Where a module writes the points ledger: `line: statement` for each place. */
function ledgerWrites(module: Module): string[] {
  return [...module.text.matchAll(ledgerWrite)].map((match) => {
    const line = module.text.slice(0, match.index).split('\n').length;
    return `${module.file}:${line}: ${match[0].replace(/\s+/g, ' ')}`;
  });
}

describe('head office structure', () => {
  const modules = serverModules();

  it('reads every module and its imports', () => {
    expect(modules.length).toBeGreaterThan(50);
    const push = modules.find((m) => m.file === 'sync/push.ts');
    expect(push?.imports.map((i) => i.target)).toContain('sync/pushBatch.ts');
  });

  it('imports only downwards, from http to platform', () => {
    expect(wrongImports(modules)).toEqual([]);
  });

  it('catches an import up, sideways or into the test helpers', () => {
    const importing = (file: string, target: string): Module => ({
      file,
      text: '',
      imports: [{ target, line: 3 }],
    });
    expect(
      wrongImports([
        importing('ledger/pointsLedger.ts', 'sync/members.ts'),
        importing('office/adminUsers.ts', 'analytics/rfmPeriod.ts'),
        importing('admin/terminals.ts', 'testing/databases.ts'),
        importing('reports/report.ts', 'db/database.ts'),
      ]),
    ).toEqual([
      'ledger/pointsLedger.ts:3 imports sync/members.ts: ledger may import only jobs, db, platform',
      'office/adminUsers.ts:3 imports analytics/rfmPeriod.ts: office may import only admin, exceptions, messages, ledger, consent, privacy, voice, catalogue, jobs, db, platform',
      'admin/terminals.ts:3 imports testing/databases.ts: only tests use testing/',
      'reports/report.ts is in no layer: add reports to LAYERS and to server/README.md',
    ]);
    expect(
      wrongImports([
        importing('sync/members.ts', 'ledger/resolveMember.ts'),
        importing('sync/members.ts', 'sync/appliedOperation.ts'),
        importing('http/server.ts', 'headOffice.ts'),
        importing('ledger/pointsLedger.test.ts', 'headOffice.ts'),
        importing('testing/terminalScript.ts', 'headOffice.ts'),
      ]),
    ).toEqual([]);
  });

  it('has no import circle', () => {
    expect(importCircles(modules)).toEqual([]);
  });

  it('writes points entries and cached balances in one module only', () => {
    // Migrations make the tables; any other writer, tests included, goes through the ledger.
    const writers = modules.filter(
      (m) => !m.file.startsWith('db/migrations/') && m.file !== 'structure.test.ts',
    );
    const elsewhere = writers.filter((m) => m.file !== LEDGER_WRITER).flatMap(ledgerWrites);
    expect(elsewhere).toEqual([]);
    const writer = modules.find((m) => m.file === LEDGER_WRITER);
    expect(writer && ledgerWrites(writer).length).toBeGreaterThan(0);
  });

  it('recognises a ledger write however it is spelled', () => {
    const module = (text: string): Module => ({ file: 'x.ts', text, imports: [] });
    for (const sql of [
      'INSERT INTO points_entry (id) VALUES ($1)',
      'insert into\n  member_balance (member_id)',
      'UPDATE member_balance SET points = 0',
      'update ONLY "points_entry" set kind = $1',
      'DELETE FROM member_balance',
    ]) {
      expect(ledgerWrites(module(sql)), sql).toHaveLength(1);
    }
    for (const sql of [
      'SELECT points FROM member_balance WHERE member_id = $1 FOR UPDATE',
      'ON CONFLICT (member_id) DO UPDATE SET points = member_balance.points + 1',
      'SELECT * FROM points_entry_sale',
    ]) {
      expect(ledgerWrites(module(sql)), sql).toEqual([]);
    }
  });

  it('finds a circle when there is one', () => {
    const circle = (file: string, target: string): Module => ({
      file,
      text: '',
      imports: [{ target, line: 1 }],
    });
    expect(importCircles([circle('a.ts', 'b.ts'), circle('b.ts', 'a.ts')])).toEqual([
      ['a.ts', 'b.ts'],
    ]);
  });
});
