import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member, MemberSummary } from '../../../shared/domain';
import { memberUpdated, memberEnrolled } from '../../../shared/sync/operations';
import type { AuditPage } from '../../../shared/staff';
import { openTestCore, unwrap, type TestCore } from '../../../test/unit/helpers/terminal';
import { enroll, rows } from '../../../test/unit/helpers/loyalty';

/**
 * Editing a member (member.update): name, phone, email, birthday, preferred language and the
 * marketing answer. Each edit is one transaction: the member, the search index, an audit row
 * and the member.updated operation head office will apply field by field.
 */

let core: TestCore;
let amy: Member;

beforeEach(() => {
  core = openTestCore();
  amy = enroll(core, { name: 'Amy Chan', phone: '9123 4567', marketingConsent: false });
});
afterEach(() => core.cleanup());

const get = (memberId: string) => unwrap(core.dispatch('member.get', { memberId })) as Member;
const search = (query: string) =>
  (unwrap(core.dispatch('member.search', { query })) as MemberSummary[]).map((m) => m.id);
const update = (edit: Record<string, unknown>) =>
  core.dispatch('member.update', { memberId: amy.id, ...edit });
const sent = () =>
  rows<{ payload: string }>(
    core,
    "SELECT payload FROM outbox WHERE op_type = 'member.updated' ORDER BY seq",
  ).map((row) => JSON.parse(row.payload) as { memberId: string; fields: Record<string, unknown> });

describe('a new member’s language', () => {
  it('is the shop’s language until they choose another', () => {
    expect(amy.preferredLanguage).toBe('en');
    unwrap(core.dispatch('terminal.setLocale', { locale: 'zh-Hant' }));
    expect(enroll(core).preferredLanguage).toBe('zh-Hant');
    // Head office hears it with the enrollment.
    const enrolled = rows<{ payload: string }>(
      core,
      "SELECT payload FROM outbox WHERE op_type = 'member.enrolled' ORDER BY seq",
    ).map((row) => memberEnrolled.parse(JSON.parse(row.payload)));
    expect(enrolled.map((e) => e.preferredLanguage)).toEqual(['en', 'zh-Hant']);
  });
});

describe('editing a member', () => {
  it('changes every field asked, and only those', () => {
    const after = unwrap(
      update({
        name: 'Amy Wong',
        phone: '6123 4567',
        email: 'amy@example.com',
        birthday: '1990-05-04',
        preferredLanguage: 'zh-Hans',
        marketingConsent: true,
      }),
    ) as Member;
    expect(after).toMatchObject({
      name: 'Amy Wong',
      phone: '+85261234567',
      email: 'amy@example.com',
      birthday: '1990-05-04',
      preferredLanguage: 'zh-Hans',
      marketingConsent: true,
      cardNumber: amy.cardNumber,
    });
    expect(get(amy.id)).toEqual(after);
    // Only the language this time: the rest stays.
    unwrap(update({ preferredLanguage: 'en' }));
    expect(get(amy.id)).toEqual({ ...after, preferredLanguage: 'en' });
  });

  it('finds the member by the new phone and name, not the old ones', () => {
    unwrap(update({ name: 'Amy Wong', phone: '+852 6123 4567' }));
    expect(search('6123 4567')).toEqual([amy.id]);
    expect(search('4567')).toEqual([amy.id]);
    expect(search('9123 4567')).toEqual([]);
    expect(search('wong')).toEqual([amy.id]);
    expect(search('chan')).toEqual([]);
  });

  it('refuses a phone another member holds, naming them; an invalid phone; and saves nothing', () => {
    const ben = enroll(core, { name: 'Ben Lee', phone: '6123 4567' });
    const before = get(amy.id);
    expect(update({ phone: '6123 4567', name: 'Changed' })).toMatchObject({
      ok: false,
      error: { code: 'duplicate_phone', field: 'phone', details: { memberId: ben.id } },
    });
    expect(update({ phone: '123' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_phone', field: 'phone' },
    });
    expect(get(amy.id)).toEqual(before);
    expect(sent()).toEqual([]);
    // Her own phone again, written another way, is no change and no refusal.
    unwrap(update({ phone: '+852 9123 4567' }));
    expect(get(amy.id).phone).toBe('+85291234567');
  });

  it('records when and where the marketing answer changed, and only when it did', () => {
    unwrap(update({ marketingConsent: false }));
    expect(get(amy.id).consentAt).toBe(amy.consentAt);
    const changed = unwrap(update({ marketingConsent: true })) as Member;
    expect(changed.marketingConsent).toBe(true);
    expect(changed.consentTerminalId).toBe(core.terminal.terminalId);
  });

  it('sends head office the fields edited, in the sync contract, with the phone as E.164', () => {
    unwrap(update({ email: 'amy@example.com' }));
    unwrap(update({ phone: '6123 4567', preferredLanguage: 'zh-Hant', email: '' }));
    const [, edit] = sent();
    expect(edit?.memberId).toBe(amy.id);
    // An emptied email is sent as none; what did not change is not sent at all.
    expect(edit?.fields).toEqual({
      phoneE164: '+85261234567',
      preferredLanguage: 'zh-Hant',
      email: null,
    });
    const parsed = memberUpdated.parse(edit);
    expect(parsed.fields).toEqual(edit?.fields);
  });

  it('is audited with what changed, keeping no name, phone, email or birthday in the audit', () => {
    unwrap(
      update({
        name: 'Amy Wong',
        phone: '6123 4567',
        email: 'amy@example.com',
        birthday: '1990-05-04',
        preferredLanguage: 'zh-Hant',
        marketingConsent: true,
      }),
    );
    const stored = rows<{ action: string; before: string; after: string; subject_id: string }>(
      core,
      "SELECT action, subject_id, before, after FROM audit_log WHERE action = 'member.update'",
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]?.subject_id).toBe(amy.id);
    const text = `${stored[0]?.before} ${stored[0]?.after}`;
    for (const personal of ['Amy', 'Wong', '6123', '9123', 'amy@', '1990']) {
      expect(text).not.toContain(personal);
    }
    const page = unwrap(core.dispatch('audit.search', { action: 'member.update' })) as AuditPage;
    const entry = page.entries[0];
    expect(entry?.subjectLabel).toContain('Amy Wong');
    expect(entry?.before).toEqual([
      { path: 'marketingConsent', value: false },
      { path: 'preferredLanguage', value: 'en', unit: 'language' },
    ]);
    expect(entry?.after).toEqual([
      { path: 'marketingConsent', value: true },
      { path: 'preferredLanguage', value: 'zh-Hant', unit: 'language' },
      { path: 'edited', value: 'name, phone, email, birthday', unit: 'fields' },
    ]);
  });

  it('writes nothing when nothing changes', () => {
    const before = rows(core, 'SELECT count(*) AS n FROM outbox');
    unwrap(update({ name: 'Amy Chan', preferredLanguage: 'en', marketingConsent: false }));
    expect(rows(core, 'SELECT count(*) AS n FROM outbox')).toEqual(before);
    expect(
      rows(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'member.update'"),
    ).toEqual([{ n: 0 }]);
  });
});
