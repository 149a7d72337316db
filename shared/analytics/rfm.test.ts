import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rfmScore, rfmScoreSql, scoreMembers, type MemberActivity } from './rfm';

/**
 * RFM scores, worked by hand: score = 5 − ⌊5 × (k − 1) ÷ N⌋, k the rank from the best value
 * (ties share the best rank of their group), N the members scored.
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

describe('RFM scores from the best value down', () => {
  it('one member who bought today: k = 1 of N = 1 → 5·5·5, champions', () => {
    expect(scores([member('a', 0, 1, 5_000)])).toEqual({ a: '5·5·5 champions' });
  });

  it('two members, today and 30 days ago: 5·5·5 and 5 − ⌊5·1/2⌋ = 3 → 3·3·3, need attention', () => {
    expect(scores([member('a', 0, 2, 8_000), member('b', 30, 1, 3_000)])).toEqual({
      a: '5·5·5 champions',
      b: '3·3·3 need_attention',
    });
  });

  it('two members who both bought today tie on R = 5 (was 1·3·3, at risk): 5·5·5 and 5·3·3, potential loyalist', () => {
    expect(scores([member('a', 0, 2, 6_000), member('b', 0, 1, 2_000)])).toEqual({
      a: '5·5·5 champions',
      b: '5·3·3 potential_loyalist',
    });
  });

  it('four members with distinct values: k = 1..4 of 4 → 5, 4, 3, 2 (5 − ⌊0/4⌋, ⌊5/4⌋, ⌊10/4⌋, ⌊15/4⌋)', () => {
    expect(
      scores([
        member('a', 0, 4, 400),
        member('b', 3, 3, 300),
        member('c', 10, 2, 200),
        member('d', 40, 1, 100),
      ]),
    ).toEqual({
      a: '5·5·5 champions',
      b: '4·4·4 loyal',
      c: '3·3·3 need_attention',
      d: '2·2·2 hibernating',
    });
  });

  it('four members with ties: recency 0, 0, 7, 7 → R 5, 5, 3, 3; purchases 2, 1, 1, 1 → F 5, 4, 4, 4; spend 500, 500, 100, 50 → M 5, 5, 3, 2', () => {
    expect(
      scores([
        member('a', 0, 2, 500),
        member('b', 0, 1, 500),
        member('c', 7, 1, 100),
        member('d', 7, 1, 50),
      ]),
    ).toEqual({
      a: '5·5·5 champions',
      b: '5·4·5 champions',
      c: '3·4·3 loyal',
      d: '3·4·2 loyal',
    });
  });

  it('ten members: two per fifth, 5 5 4 4 3 3 2 2 1 1 (5 − ⌊5·(k − 1)/10⌋)', () => {
    const ten = Array.from({ length: 10 }, (_, i) => member(`m${i}`, i, 10 - i, 1_000 - i));
    expect(scoreMembers(ten).map((m) => m.r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('the SQL form is the same integer arithmetic: 5 − (5 × (k − 1)) / n, in whole numbers', () => {
    expect(rfmScoreSql('r_rank', 'n')).toBe(
      '(5 - (5 * (CAST(r_rank AS BIGINT) - 1)) / CAST(n AS BIGINT))',
    );
    expect([1, 2, 3, 4].map((k) => rfmScore(k, 4))).toEqual([5, 4, 3, 2]);
  });

  it('for any members: equal values share a score, the best value scores 5, scores stay 1–5 (property)', () => {
    const activity = fc.record({
      purchases: fc.integer({ min: 1, max: 6 }),
      netSpendMinor: fc.integer({ min: -1000, max: 100_000 }),
      recencyDays: fc.integer({ min: 0, max: 400 }),
    });
    fc.assert(
      fc.property(fc.array(activity, { minLength: 1, maxLength: 30 }), (list) => {
        const scored = scoreMembers(list.map((m, i) => ({ ...m, memberId: `m${i}` })));
        const best = Math.min(...scored.map((m) => m.recencyDays));
        for (const a of scored) {
          expect(a.r >= 1 && a.r <= 5 && a.f >= 1 && a.f <= 5 && a.m >= 1 && a.m <= 5).toBe(true);
          if (a.recencyDays === best) expect(a.r).toBe(5);
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
