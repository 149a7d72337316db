/**
 * member_search_name: `dispatch('member.search', { query, limit: 20 })` at full size with what a
 * cashier types for a name: one Han character (王, 明), a Han pair (小明, 陳小), or the first
 * letters of a Latin name (cha, pete). Fragments come from members on file, so each query
 * finds someone. Baseline: the same FTS5 statement, prepared bare, with the MATCH expression
 * already built, which is the raw limit of the index.
 */
import { nameSearchPlan } from '../../electron/core/members/searchTokens';
import { Rng } from './data';
import type { LookupContext } from './memberLookup';
import {
  fmtMs,
  GroupedSamples,
  inputsNeeded,
  runAlternating,
  overallNote,
  type AlternatingPlan,
  type BenchResult,
} from './stats';
import { CIPHER_NOTE } from './baseline';

const plan: AlternatingPlan = { warmup: 300, rounds: 6, perRound: 500 };
const LIMIT = 20;

/** The statement searchMembers runs, copied so the baseline skips only the JS around it. */
const searchSql = `
  SELECT m.id, m.card_number, m.name, m.phone_e164, m.points_balance
  FROM member_search s JOIN member m ON m.member_no = s.rowid
  WHERE member_search MATCH ? AND s.rowid < ?
  ORDER BY s.rowid DESC
  LIMIT ?`;

type QueryKind = 'han 1 char' | 'han 2 chars' | 'latin prefix';

interface SearchInput {
  kind: QueryKind;
  query: string;
  match: string;
}

const han = /^\p{Script=Han}+$/u;

function makeInputs(ctx: LookupContext, count: number): SearchInput[] {
  const rng = new Rng(ctx.seed, 3);
  const members = ctx.dataset.meta.members;
  const nameOf = ctx.bare.prepare('SELECT name FROM member WHERE member_no = ?');
  const randomName = (wantHan: boolean): string => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const { name } = nameOf.get(rng.range(1, members)) as { name: string };
      if (han.test(name) === wantHan) return name;
    }
    throw new Error(`no ${wantHan ? 'Chinese' : 'Latin'} names among ${members} members; use more`);
  };
  const inputs: SearchInput[] = [];
  while (inputs.length < count) {
    const roll = rng.float();
    let kind: QueryKind;
    let query: string;
    if (roll < 0.3) {
      kind = 'han 1 char';
      query = rng.pick(Array.from(randomName(true)));
    } else if (roll < 0.6) {
      kind = 'han 2 chars';
      const chars = Array.from(randomName(true));
      // Mostly the given-name pair (小明 of 王小明); otherwise any adjacent pair (王小).
      const start =
        chars.length >= 3 && rng.chance(0.7) ? chars.length - 2 : rng.int(chars.length - 1);
      query = chars.slice(start, start + 2).join('');
    } else {
      kind = 'latin prefix';
      const words = randomName(false)
        .split(' ')
        .filter((w) => w.length >= 3);
      if (words.length === 0) continue;
      const word = rng.pick(words);
      const prefix = word.slice(0, rng.range(3, Math.min(word.length, 6)));
      query = rng.chance(0.7) ? prefix.toLowerCase() : prefix;
    }
    const searchPlan = nameSearchPlan(query);
    if (!searchPlan || searchPlan.mustContain.length > 0) {
      throw new Error(`unexpected search plan for ${query}`);
    }
    inputs.push({ kind, query, match: searchPlan.match });
  }
  return inputs;
}

export function benchMemberSearch(ctx: LookupContext): BenchResult {
  const inputs = makeInputs(ctx, inputsNeeded(plan));
  const dispatch = ctx.core.dispatch;
  const raw = ctx.bare.prepare(searchSql);
  const groups = new GroupedSamples();
  const rawGroups = new GroupedSamples();
  const { ours, baseline } = runAlternating(
    plan,
    (i) => {
      const input = inputs[i] as SearchInput;
      const result = dispatch('member.search', { query: input.query, limit: LIMIT });
      if (!result.ok || (result.value as unknown[]).length === 0) {
        throw new Error(`member.search(${input.query}) gave ${JSON.stringify(result)}`);
      }
    },
    (i) => raw.all((inputs[i] as SearchInput).match, Number.MAX_SAFE_INTEGER, LIMIT),
    (side, i, ms) =>
      (side === 'ours' ? groups : rawGroups).add((inputs[i] as SearchInput).kind, ms),
  );
  const o = ours.summary();
  const b = baseline.summary();
  const rawByKind = new Map(rawGroups.entries());
  return {
    name: 'member_search_name',
    ours: o,
    baseline: b,
    target: 'p99 <= 20 ms',
    met: o.p99Ms <= 20,
    notes: [
      CIPHER_NOTE,
      `${o.count} searches per side at ${ctx.dataset.meta.members.toLocaleString('en')} members, ` +
        `limit ${LIMIT}; baseline = the same FTS5 statement prepared bare with the MATCH prebuilt`,
      `baseline p50 ${fmtMs(b.p50Ms)} ms, p99 ${fmtMs(b.p99Ms)} ms; ours max ${fmtMs(o.maxMs)} ms`,
      overallNote(o, b),
      ...groups.entries().map(([kind, s]) => {
        const r = rawByKind.get(kind);
        const bare = r ? ` (bare p50 ${fmtMs(r.p50Ms)}, p99 ${fmtMs(r.p99Ms)})` : '';
        return `  ${kind}: n=${s.count} p50 ${fmtMs(s.p50Ms)} ms, p99 ${fmtMs(s.p99Ms)} ms${bare}`;
      }),
    ],
  };
}
