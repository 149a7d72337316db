import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  rfmScore,
  rfmScoreFromWorst,
  rfmScoreFromWorstSql,
  rfmScoreSql,
  scoreMembers,
  type MemberActivity,
} from './rfm';

/**
 * RFM scores, worked by hand, N the members scored and ties sharing the first rank of their group:
 * R = 5 − ⌊5 × (k − 1) ÷ N⌋, k the rank from the most recent; F and M = 1 + ⌊5 × (k − 1) ÷ N⌋,
 * k the rank from the fewest purchases (the least spend).
 */
const member = (
  memberId: string,
  recencyDays: number,
  purchases: number,
  netSpendMinor: number,
): MemberActivity => ({ memberId, recencyDays, purchases, netSpendMinor });

const scores = (members: MemberActivity[]) =>
  Object.fromEntries(
    scoreMembers(members).map((m) => [m.memberId, `${m.r}·${m.f}·${m.m} ${m.segment}`]),
  );

describe('RFM scores: recency from the best value down, frequency and spend from the worst up', () => {
  it('one member who bought once today: R = 5 (the best recency), F = M = 1 + ⌊0⌋ = 1 → 5·1·1, new', () => {
    expect(scores([member('a', 0, 1, 5_000)])).toEqual({ a: '5·1·1 new' });
  });

  it('two members, today and 30 days ago: R 5 and 5 − ⌊5·1/2⌋ = 3; F and M 1 + ⌊5·1/2⌋ = 3 and 1 → 5·3·3 potential loyalist, 3·1·1 about to sleep', () => {
    expect(scores([member('a', 0, 2, 8_000), member('b', 30, 1, 3_000)])).toEqual({
      a: '5·3·3 potential_loyalist',
      b: '3·1·1 about_to_sleep',
    });
  });

  it('two members who both bought today tie on R = 5 (was 1·3·3, at risk): 5·3·3 potential loyalist, and the one-visit member 5·1·1 new', () => {
    expect(scores([member('a', 0, 2, 6_000), member('b', 0, 1, 2_000)])).toEqual({
      a: '5·3·3 potential_loyalist',
      b: '5·1·1 new',
    });
  });

  it('four members with distinct values: R 5, 4, 3, 2 (5 − ⌊0/4⌋, ⌊5/4⌋, ⌊10/4⌋, ⌊15/4⌋); F and M 4, 3, 2, 1 (1 + ⌊15/4⌋, ⌊10/4⌋, ⌊5/4⌋, ⌊0/4⌋)', () => {
    expect(
      scores([
        member('a', 0, 4, 400),
        member('b', 3, 3, 300),
        member('c', 10, 2, 200),
        member('d', 40, 1, 100),
      ]),
    ).toEqual({
      a: '5·4·4 champions',
      b: '4·3·3 potential_loyalist',
      c: '3·2·2 about_to_sleep',
      d: '2·1·1 hibernating',
    });
  });

  it('four members with ties: recency 0, 0, 7, 7 → R 5, 5, 3, 3; purchases 2, 1, 1, 1 → F 4, 1, 1, 1 (the three one-visit members tie at the worst); spend 500, 500, 100, 50 → M 3, 3, 2, 1', () => {
    expect(
      scores([
        member('a', 0, 2, 500),
        member('b', 0, 1, 500),
        member('c', 7, 1, 100),
        member('d', 7, 1, 50),
      ]),
    ).toEqual({
      a: '5·4·3 champions',
      b: '5·1·3 new',
      c: '3·1·2 about_to_sleep',
      d: '3·1·1 about_to_sleep',
    });
  });

  it('ten members: two per fifth, 5 5 4 4 3 3 2 2 1 1, for R (5 − ⌊5·(k − 1)/10⌋) and for F and M (1 + ⌊5·(k − 1)/10⌋ from the worst)', () => {
    const ten = Array.from({ length: 10 }, (_, i) => member(`m${i}`, i, 10 - i, 1_000 - i));
    const scored = scoreMembers(ten);
    expect(scored.map((m) => m.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(scored.map((m) => m.f)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(scored.map((m) => m.m)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('a long tail of one-visit members stays at F = 1 however many there are: 8 of 10 once, 2 twice → F 1 and 1 + ⌊5·8/10⌋ = 5', () => {
    const tail = Array.from({ length: 10 }, (_, i) => member(`m${i}`, i, i < 2 ? 2 : 1, 100));
    expect(scoreMembers(tail).map((m) => m.f)).toEqual([5, 5, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('the SQL form is the same integer arithmetic: 5 − (5 × (k − 1)) / n, in whole numbers', () => {
    expect(rfmScoreSql('r_rank', 'n')).toBe(
      '(5 - (5 * (CAST(r_rank AS BIGINT) - 1)) / CAST(n AS BIGINT))',
    );
    expect([1, 2, 3, 4].map((k) => rfmScore(k, 4))).toEqual([5, 4, 3, 2]);
    expect(rfmScoreFromWorstSql('f_rank', 'n')).toBe(
      '(1 + (5 * (CAST(f_rank AS BIGINT) - 1)) / CAST(n AS BIGINT))',
    );
    expect([1, 2, 3, 4].map((k) => rfmScoreFromWorst(k, 4))).toEqual([1, 2, 3, 4]);
  });

  it('for any members: equal values share a score, the best recency scores 5, the fewest purchases and least spend score 1, scores stay 1–5 (property)', () => {
    const activity = fc.record({
      purchases: fc.integer({ min: 1, max: 6 }),
      netSpendMinor: fc.integer({ min: -1000, max: 100_000 }),
      recencyDays: fc.integer({ min: 0, max: 400 }),
    });
    fc.assert(
      fc.property(fc.array(activity, { minLength: 1, maxLength: 30 }), (list) => {
        const scored = scoreMembers(list.map((m, i) => ({ ...m, memberId: `m${i}` })));
        const best = Math.min(...scored.map((m) => m.recencyDays));
        const fewest = Math.min(...scored.map((m) => m.purchases));
        const least = Math.min(...scored.map((m) => m.netSpendMinor));
        for (const a of scored) {
          expect(a.r >= 1 && a.r <= 5 && a.f >= 1 && a.f <= 5 && a.m >= 1 && a.m <= 5).toBe(true);
          if (a.recencyDays === best) expect(a.r).toBe(5);
          if (a.purchases === fewest) expect(a.f).toBe(1);
          if (a.netSpendMinor === least) expect(a.m).toBe(1);
          for (const b of scored) {
            if (a.recencyDays === b.recencyDays) expect(a.r).toBe(b.r);
            if (a.purchases === b.purchases) expect(a.f).toBe(b.f);
            if (a.netSpendMinor === b.netSpendMinor) expect(a.m).toBe(b.m);
          }
        }
      }),
    );
  });
});
