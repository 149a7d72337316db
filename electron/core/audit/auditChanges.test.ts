import { describe, expect, it } from 'vitest';
import { defaultProgram, type Program } from '../../../shared/program';
import { campaign } from '../../../test/unit/helpers/loyalty';
import { auditChanges } from './auditChanges';

/**
 * What an audit entry shows: only the fields that changed, each with what it is (without list
 * positions), the list item it belongs to by name, and how its value reads (money, percent).
 */
const json = (value: unknown) => JSON.stringify(value);

describe('auditChanges', () => {
  it('shows only what changed between before and after', () => {
    expect(
      auditChanges(json({ total: 0, available: 0, x: 1 }), json({ total: 40, available: 0, x: 1 })),
    ).toEqual({ before: [{ path: 'total', value: 0 }], after: [{ path: 'total', value: 40 }] });
  });

  it('shows everything when there is no before (a creation) or no after', () => {
    expect(auditChanges(null, json({ name: 'Cara', role: 'cashier' }))).toEqual({
      before: null,
      after: [
        { path: 'name', value: 'Cara' },
        { path: 'role', value: 'cashier' },
      ],
    });
    expect(auditChanges(json({ limit: 5 }), null)).toEqual({
      before: [{ path: 'limit', value: 5 }],
      after: null,
    });
  });

  it('of a whole program, shows the two fields a manager changed, money as money', () => {
    const after: Program = {
      ...defaultProgram,
      earn: { ...defaultProgram.earn, points: 2 },
      redemption: { ...defaultProgram.redemption, valueMinor: 1000 },
    };
    expect(auditChanges(json(defaultProgram), json(after))).toEqual({
      before: [
        { path: 'earn.points', value: 1 },
        { path: 'redemption.valueMinor', value: 500, unit: 'money' },
      ],
      after: [
        { path: 'earn.points', value: 2 },
        { path: 'redemption.valueMinor', value: 1000, unit: 'money' },
      ],
    });
  });

  it('finds list items by id, names them, and reads a tier threshold in the qualification’s unit', () => {
    const levels = defaultProgram.tiers.levels.map((level) =>
      level.id === 'gold' ? { ...level, threshold: 1_500_000, earnPercent: 175 } : level,
    );
    // A tier inserted in front moves every position; only gold really changed.
    const inserted = [{ id: 'bronze', name: 'Bronze', threshold: 0, earnPercent: 100, perks: '' }];
    const after = {
      ...defaultProgram,
      tiers: {
        ...defaultProgram.tiers,
        levels: [...inserted, ...levels.map((l, i) => (i === 0 ? { ...l, threshold: 1 } : l))],
      },
    };
    const changes = auditChanges(json(defaultProgram), json(after));
    expect(changes.after).toEqual([
      { path: 'tiers.levels.bronze', field: 'tiers.levels', item: 'Bronze', value: 'Bronze' },
      {
        path: 'tiers.levels.basic.threshold',
        field: 'tiers.levels.threshold',
        item: '普通 Basic',
        value: 1,
        unit: 'money',
      },
      {
        path: 'tiers.levels.gold.threshold',
        field: 'tiers.levels.threshold',
        item: '金 Gold',
        value: 1_500_000,
        unit: 'money',
      },
      {
        path: 'tiers.levels.gold.earnPercent',
        field: 'tiers.levels.earnPercent',
        item: '金 Gold',
        value: 175,
        unit: 'percent',
      },
    ]);
    const byPoints = { ...after, tiers: { ...after.tiers, qualification: 'points' } };
    expect(
      auditChanges(json(after), json(byPoints)).after?.find(
        (f) => f.path === 'tiers.qualification',
      ),
    ).toEqual({ path: 'tiers.qualification', value: 'points', unit: 'choice' });
    expect(
      auditChanges(json(defaultProgram), json(byPoints)).after?.find((f) =>
        f.path.endsWith('gold.threshold'),
      )?.unit,
    ).toBe('points');
  });

  it('names a campaign added, and a campaign reference by the campaign’s name', () => {
    const withCampaign: Program = {
      ...defaultProgram,
      coupons: {
        ...defaultProgram.coupons,
        campaigns: [campaign({ id: 'welcome', name: 'Welcome HK$20 off' })],
        welcomeCampaignId: 'welcome',
      },
    };
    expect(auditChanges(json(defaultProgram), json(withCampaign))).toEqual({
      before: [{ path: 'coupons.welcomeCampaignId', value: null, unit: 'campaign' }],
      after: [
        {
          path: 'coupons.campaigns.welcome',
          field: 'coupons.campaigns',
          item: 'Welcome HK$20 off',
          value: 'Welcome HK$20 off',
        },
        { path: 'coupons.welcomeCampaignId', value: 'Welcome HK$20 off', unit: 'campaign' },
      ],
    });
  });

  it('marks a member’s language and the personal fields edited for the screen to say', () => {
    expect(
      auditChanges(
        json({ preferredLanguage: 'en' }),
        json({ preferredLanguage: 'zh-Hant', edited: ['name', 'phone'] }),
      ),
    ).toEqual({
      before: [{ path: 'preferredLanguage', value: 'en', unit: 'language' }],
      after: [
        { path: 'preferredLanguage', value: 'zh-Hant', unit: 'language' },
        { path: 'edited', value: 'name, phone', unit: 'fields' },
      ],
    });
  });

  it('flattens nested objects to paths, lists of plain values to one field, others by position', () => {
    expect(
      auditChanges(null, json({ a: 1, b: { c: 'x', d: null }, e: [1, 2], f: [{ g: true }] })).after,
    ).toEqual([
      { path: 'a', value: 1 },
      { path: 'b.c', value: 'x' },
      { path: 'b.d', value: null },
      { path: 'e', value: '1, 2' },
      { path: 'f.1.g', value: true },
    ]);
    // Older rows stored "nothing before" as the JSON text null: that is no fields at all.
    expect(auditChanges('null', json({ a: 1 }))).toEqual({
      before: null,
      after: [{ path: 'a', value: 1 }],
    });
  });

  it('keeps text that is not JSON as one field, and summarises past 60 fields', () => {
    expect(auditChanges('not json', null).before).toEqual([{ path: '', value: 'not json' }]);
    const many = json(Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`k${i}`, i])));
    const shown = auditChanges(null, many).after;
    expect(shown).toHaveLength(61);
    expect(shown?.[60]).toEqual({ path: '…', value: '+10' });
  });
});
