/**
 * member_lookup_phone: `dispatch('member.byPhone')` at full size, phones typed the ways a cashier
 * types them, 70% on file and 30% not. Baseline: the bare prepared query on the already
 * normalised E.164 number, which is the raw limit of the same index lookup.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import type { TerminalCore } from '../../electron/core/core';
import { randomMobile, Rng, typedPhone, type MemberDataset } from './data';
import {
  fmtMs,
  GroupedSamples,
  inputsNeeded,
  runAlternating,
  overallNote,
  type AlternatingPlan,
  type BenchResult,
} from './stats';

export interface LookupContext {
  seed: number;
  dataset: MemberDataset;
  core: TerminalCore;
  /** A separate read-only connection to the same ledger, for the baselines. */
  bare: Database.Database;
}

const plan: AlternatingPlan = { warmup: 2_000, rounds: 10, perRound: 2_000 };

interface PhoneInput {
  typed: string;
  e164: string;
  onFile: boolean;
}

function makeInputs(ctx: LookupContext, count: number): PhoneInput[] {
  const rng = new Rng(ctx.seed, 2);
  const members = ctx.dataset.meta.members;
  const byNo = ctx.bare.prepare('SELECT phone_national FROM member WHERE member_no = ?');
  const exists = ctx.bare.prepare('SELECT 1 FROM member WHERE phone_e164 = ?');
  return Array.from({ length: count }, () => {
    if (rng.chance(0.7)) {
      const { phone_national: national } = byNo.get(rng.range(1, members)) as {
        phone_national: string;
      };
      return { typed: typedPhone(national, rng), e164: `+852${national}`, onFile: true };
    }
    let national = randomMobile(rng);
    while (exists.get(`+852${national}`)) national = randomMobile(rng);
    return { typed: typedPhone(national, rng), e164: `+852${national}`, onFile: false };
  });
}

export function benchMemberLookup(ctx: LookupContext): BenchResult {
  const inputs = makeInputs(ctx, inputsNeeded(plan));
  const dispatch = ctx.core.dispatch;
  const raw = ctx.bare.prepare(
    'SELECT id, card_number, name, phone_e164, points_balance FROM member WHERE phone_e164 = ?',
  );
  const groups = new GroupedSamples();
  const { ours, baseline } = runAlternating(
    plan,
    (i) => {
      const input = inputs[i] as PhoneInput;
      const result = dispatch('member.byPhone', { phone: input.typed });
      if (!result.ok || (result.value !== null) !== input.onFile) {
        throw new Error(`member.byPhone(${input.typed}) gave ${JSON.stringify(result)}`);
      }
    },
    (i) => raw.get((inputs[i] as PhoneInput).e164),
    (side, i, ms) => {
      if (side === 'ours')
        groups.add((inputs[i] as PhoneInput).onFile ? 'on file' : 'not on file', ms);
    },
  );
  const o = ours.summary();
  const b = baseline.summary();
  return {
    name: 'member_lookup_phone',
    ours: o,
    baseline: b,
    target: 'p99 <= 1 ms',
    met: o.p99Ms <= 1,
    notes: [
      `${o.count} lookups per side at ${ctx.dataset.meta.members.toLocaleString('en')} members; ` +
        `baseline = bare prepared SELECT ... WHERE phone_e164 = ? on the normalised number`,
      `baseline p50 ${fmtMs(b.p50Ms)} ms, p99 ${fmtMs(b.p99Ms)} ms; ours max ${fmtMs(o.maxMs)} ms`,
      overallNote(o, b),
      ...groups
        .entries()
        .map(
          ([label, s]) =>
            `  ${label}: n=${s.count} p50 ${fmtMs(s.p50Ms)} ms, p99 ${fmtMs(s.p99Ms)} ms`,
        ),
    ],
  };
}
