import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member, MemberSummary } from '../../../shared/domain';
import { formatCardNumber, makeCardNumber } from '../../../shared/card';
import { openTestCore, unwrap, type TestCore } from '../../../test/unit/helpers/terminal';

let core: TestCore;
let nextPhone = 0;

beforeEach(() => {
  core = openTestCore();
  nextPhone = 0;
});
afterEach(() => core.cleanup());

/** Enrolls a member with the next free HK mobile (9100 0000, 9100 0001, …) unless one is given. */
function enroll(name: string, phone?: string): Member {
  const number = phone ?? `9100 ${String(nextPhone++).padStart(4, '0')}`;
  return unwrap(
    core.dispatch('member.enroll', { name, phone: number, marketingConsent: false }),
  ) as Member;
}

function search(query: string, limit?: number): MemberSummary[] {
  return unwrap(
    core.dispatch('member.search', limit === undefined ? { query } : { query, limit }),
  ) as MemberSummary[];
}

function names(query: string, limit?: number): string[] {
  return search(query, limit)
    .map((m) => m.name)
    .sort();
}

describe('Han names (no spaces): any contiguous part finds the member', () => {
  beforeEach(() => {
    for (const name of ['王小明', '李小明', '王大明', '王明小', '小明王', '陳大文']) enroll(name);
  });

  it("'小明' finds 王小明, 李小明 and 小明王, not 王大明 nor 王明小", () => {
    expect(names('小明')).toEqual(['小明王', '李小明', '王小明'].sort());
  });

  it("'王小明' (3 chars) finds only 王小明, not 王明小 nor 小明王", () => {
    expect(names('王小明')).toEqual(['王小明']);
  });

  it("'王小明' does not find 小明王小, which has every pair (王小, 小明) but not the run", () => {
    enroll('小明王小');
    expect(names('王小明')).toEqual(['王小明']);
  });

  it("the single character '明' finds every name with 明", () => {
    expect(names('明')).toEqual(['小明王', '李小明', '王大明', '王小明', '王明小'].sort());
  });

  it("'大' finds 王大明 and 陳大文; '文' finds only 陳大文", () => {
    expect(names('大')).toEqual(['王大明', '陳大文'].sort());
    expect(names('文')).toEqual(['陳大文']);
  });

  it('surrounding blanks are ignored', () => {
    expect(names('  小明  ')).toEqual(['小明王', '李小明', '王小明'].sort());
  });

  it("a name that is not there ('張') finds nothing", () => {
    expect(search('張')).toEqual([]);
  });
});

describe('Latin names: word prefixes, case- and accent-insensitive', () => {
  beforeEach(() => {
    for (const name of ['John Smith', 'smith', 'José Álvarez', 'Smythe Jones', 'Anna Blacksmith']) {
      enroll(name);
    }
  });

  it.each(['smi', 'SMI', 'Smith', 'sMiTh', 'ＳＭＩ'])(
    "'%s' finds John Smith and smith",
    (query) => {
      expect(names(query)).toEqual(['John Smith', 'smith'].sort());
    },
  );

  it("'smi' is a word prefix: it does not find Blacksmith", () => {
    expect(names('smi')).not.toContain('Anna Blacksmith');
  });

  it.each(['jose', 'José', 'JOSE', 'alvarez', 'álv'])("'%s' finds José Álvarez", (query) => {
    expect(names(query)).toEqual(['José Álvarez']);
  });

  it("every word must match: 'john smi' finds John Smith only; 'john jones' finds nobody", () => {
    expect(names('john smi')).toEqual(['John Smith']);
    expect(names('john jones')).toEqual([]);
  });
});

describe('phone digits', () => {
  let amy: Member;
  beforeEach(() => {
    amy = enroll('Amy', '9123 4567');
    enroll('Ben', '6123 9999');
    enroll('Cat', '5123 4567');
  });

  it("'9123' (a national prefix) finds +852 9123 4567", () => {
    expect(search('9123').map((m) => m.phone)).toEqual(['+85291234567']);
  });

  it("'912 345' (prefix with a space) finds it too", () => {
    expect(search('912 345').map((m) => m.id)).toEqual([amy.id]);
  });

  it("the last four digits '4567' find every member whose number ends in 4567", () => {
    expect(names('4567')).toEqual(['Amy', 'Cat']);
  });

  it("the whole national number '9123 4567' finds exactly Amy", () => {
    expect(search('9123 4567').map((m) => m.id)).toEqual([amy.id]);
  });

  it("digits that are neither a prefix nor the last four ('2345') find nobody", () => {
    expect(search('2345')).toEqual([]);
  });

  it("the international form '+852 9123 4567' finds Amy", () => {
    expect(search('+852 9123 4567').map((m) => m.id)).toEqual([amy.id]);
  });
});

describe('card numbers', () => {
  it('a valid card number finds exactly that member, and nobody else', () => {
    const members = ['Amy', 'Ben', 'Cat'].map((name) => enroll(name));
    const ben = members[1] as Member;
    expect(search(ben.cardNumber)).toEqual([
      { id: ben.id, cardNumber: ben.cardNumber, name: 'Ben', phone: ben.phone, pointsBalance: 0 },
    ]);
  });

  it('a valid card number nobody holds finds nobody', () => {
    enroll('Amy');
    expect(search(makeCardNumber(core.terminal.terminalNumber, 999))).toEqual([]);
  });

  it('a card number typed as printed, with spaces or dashes, finds its member too', () => {
    const amy = enroll('Amy');
    const printed = formatCardNumber(amy.cardNumber); // "2 TTTTT SSSSSS C"
    expect(search(printed).map((m) => m.id)).toEqual([amy.id]);
    expect(search(printed.replace(/ /g, '-')).map((m) => m.id)).toEqual([amy.id]);
    expect(search(` ${printed.replace(/ /g, '  ')} `).map((m) => m.id)).toEqual([amy.id]);
    const byCard = (cardNumber: string) =>
      (unwrap(core.dispatch('member.byCard', { cardNumber })) as MemberSummary | null)?.id;
    expect(byCard(printed)).toBe(amy.id);
    expect(byCard(printed.replace(/ /g, '-'))).toBe(amy.id);
    // A printed number with a typo is still no card, and is said to be none.
    const typo = `${printed.slice(0, -1)}${(Number(printed.slice(-1)) + 1) % 10}`;
    expect(search(typo)).toEqual([]);
    expect(core.dispatch('member.byCard', { cardNumber: typo })).toMatchObject({
      ok: false,
      error: { code: 'invalid_card' },
    });
  });

  it('a card number with a wrong check digit finds nobody', () => {
    const amy = enroll('Amy');
    const last = Number(amy.cardNumber.slice(-1));
    const wrong = `${amy.cardNumber.slice(0, -1)}${(last + 1) % 10}`;
    expect(search(wrong)).toEqual([]);
  });
});

describe('limits and order', () => {
  it('results are capped by limit (default 20)', () => {
    for (let i = 0; i < 25; i++) enroll('陳美玲');
    expect(search('陳', 5)).toHaveLength(5);
    expect(search('陳')).toHaveLength(20);
    expect(search('陳美玲', 3)).toHaveLength(3);
    expect(search('陳美玲', 50)).toHaveLength(25);
  });

  it('newest enrollments come first', () => {
    const enrolled = ['Lee One', 'Lee Two', 'Lee Three', 'Lee Four'].map((name) => enroll(name));
    expect(search('lee').map((m) => m.id)).toEqual(enrolled.map((m) => m.id).reverse());
    expect(search('lee', 2).map((m) => m.name)).toEqual(['Lee Four', 'Lee Three']);
  });

  // A 3+ character Han run is re-checked for contiguity; paging back reaches the true match.
  it('a 3-character query still finds an older true match behind many near misses', () => {
    enroll('王小明');
    for (let i = 0; i < 6; i++) enroll('小明王小');
    expect(names('王小明', 1)).toEqual(['王小明']);
  });
});

describe('queries that match nothing sensible return an empty list', () => {
  it.each(['', '   ', '-', '()', '+', '**', '12'])('%j → []', (query) => {
    enroll('Amy', '9123 4567');
    expect(search(query)).toEqual([]);
  });
});
