import { describe, expect, it } from 'vitest';
import {
  csatFigures,
  defaultFeedbackSettings,
  inSample,
  isDetractor,
  npsFigures,
  npsGroup,
  scoreFits,
  shouldAsk,
} from './feedback';
import { uuidv7 } from '../ids';

/**
 * A hand-worked fixture of 30 responses on each scale. NPS: 12 promoters (9–10), 10 passives
 * (7–8), 8 detractors (0–6). CSAT: 10 fives, 11 fours, 5 threes, 3 twos and 1 one.
 */
const nps30 = [
  ...[10, 10, 10, 10, 10, 9, 9, 9, 9, 9, 9, 9],
  ...[8, 8, 8, 8, 8, 7, 7, 7, 7, 7],
  ...[6, 6, 5, 5, 4, 3, 1, 0],
];
const csat30 = [
  ...Array<number>(10).fill(5),
  ...Array<number>(11).fill(4),
  3,
  3,
  3,
  3,
  3,
  2,
  2,
  2,
  1,
];

describe('the 30-response fixture', () => {
  it('has 30 of each', () => {
    expect(nps30).toHaveLength(30);
    expect(csat30).toHaveLength(30);
  });

  it('NPS = 100·(12 − 8)/30 = 13.33: 12 promoters, 10 passives, 8 detractors', () => {
    const f = npsFigures(nps30);
    expect(f).toMatchObject({ responses: 30, promoters: 12, passives: 10, detractors: 8 });
    expect(f.nps).toBeCloseTo(13.3333, 4);
  });

  it('NPS 95% CI = 13.33 ± 1.96·100·√((0.4 + 0.2667 − 0.1333²)/30) = 13.33 ± 28.83 = [−15.49, 42.16]', () => {
    const f = npsFigures(nps30);
    // variance per response: 0.4 + 0.26667 − 0.13333² = 0.64889; /30 = 0.021630; √ = 0.14707
    expect(f.interval.low).toBeCloseTo(-15.4919, 3);
    expect(f.interval.high).toBeCloseTo(42.1586, 3);
  });

  it('CSAT = 21 satisfied (4–5) of 30 = 70%', () => {
    const f = csatFigures(csat30);
    expect(f.responses).toBe(30);
    expect(f.satisfied).toBe(21);
    expect(f.percent).toBe(70);
  });

  it('CSAT 95% Wilson CI: centre (0.7 + 1.92/30)/(1 + 3.84/30) = 0.6773, half 0.1561 → [52.12%, 83.34%]', () => {
    const f = csatFigures(csat30);
    expect(f.interval.low).toBeCloseTo(52.1242, 3);
    expect(f.interval.high).toBeCloseTo(83.3353, 3);
  });

  it('no responses: NPS 0 over the whole range, CSAT 0% over [0, 100]', () => {
    expect(npsFigures([])).toMatchObject({ nps: 0, interval: { low: -100, high: 100 } });
    expect(csatFigures([])).toMatchObject({ percent: 0, interval: { low: 0, high: 100 } });
  });

  it('all promoters: NPS 100 with no spread, clipped to 100', () => {
    const f = npsFigures(Array<number>(30).fill(10));
    expect(f.nps).toBe(100);
    expect(f.interval).toEqual({ low: 100, high: 100 });
  });
});

describe('scores and detractors', () => {
  it('NPS 0–6 and CSAT 1–2 are detractors; 7 and 3 are not', () => {
    expect([0, 6].map((s) => isDetractor('nps', s))).toEqual([true, true]);
    expect(isDetractor('nps', 7)).toBe(false);
    expect([1, 2].map((s) => isDetractor('csat', s))).toEqual([true, true]);
    expect(isDetractor('csat', 3)).toBe(false);
    expect([npsGroup(9), npsGroup(8), npsGroup(6)]).toEqual(['promoter', 'passive', 'detractor']);
  });

  it('a score fits its scale only: NPS 0–10, CSAT 1–5, whole numbers', () => {
    expect(scoreFits('nps', 0)).toBe(true);
    expect(scoreFits('nps', 11)).toBe(false);
    expect(scoreFits('csat', 0)).toBe(false);
    expect(scoreFits('csat', 5)).toBe(true);
    expect(scoreFits('csat', 4.5)).toBe(false);
  });
});

describe('who is asked', () => {
  const now = new Date('2026-12-07T10:00:00.000Z');
  const base = {
    saleId: uuidv7(),
    memberId: uuidv7(),
    memberLastAnsweredAt: null,
    saleAnswered: false,
    now,
  };

  it('the sampling rate asks about that share of sales, the same answer every time', () => {
    const ids = Array.from({ length: 4000 }, () => uuidv7());
    const asked = ids.filter((id) => inSample(id, 25)).length;
    expect(asked / ids.length).toBeGreaterThan(0.22);
    expect(asked / ids.length).toBeLessThan(0.28);
    for (const id of ids.slice(0, 50)) expect(inSample(id, 25)).toBe(inSample(id, 25));
    expect(ids.every((id) => inSample(id, 100))).toBe(true);
    expect(ids.some((id) => inSample(id, 0))).toBe(false);
  });

  it('not the same member twice within N days; a walk-in only when not members-only', () => {
    const settings = { ...defaultFeedbackSettings, samplingPercent: 100, notTwiceWithinDays: 30 };
    expect(shouldAsk(settings, base)).toBe(true);
    expect(shouldAsk(settings, { ...base, memberLastAnsweredAt: '2026-11-20T10:00:00.000Z' })).toBe(
      false,
    );
    expect(shouldAsk(settings, { ...base, memberLastAnsweredAt: '2026-11-01T10:00:00.000Z' })).toBe(
      true,
    );
    expect(shouldAsk(settings, { ...base, memberId: null })).toBe(true);
    expect(shouldAsk({ ...settings, membersOnly: true }, { ...base, memberId: null })).toBe(false);
    expect(shouldAsk(settings, { ...base, saleAnswered: true })).toBe(false);
    expect(shouldAsk({ ...settings, enabled: false }, base)).toBe(false);
  });
});
