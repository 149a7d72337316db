import type { Member } from '../../../shared/domain';
import { makeCardNumber } from '../../../shared/card';
import { uuidv7 } from '../../../shared/ids';
import { normalisePhone } from '../../../shared/phone';
import { DomainError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { stampWrite } from '../stamp';
import { requireTerminal, takeNextCardSeq } from '../terminal/terminalStore';
import { appendOutbox } from '../outbox/outbox';
import { insertMember } from './memberMutations';
import { memberById, memberByPhone, memberByReferralCode } from './memberQueries';
import { makeCode, normaliseCode } from '../../../shared/rules/codes';
import { readProgram } from '../program/programStore';
import { issueCouponIfRunning } from '../coupons/coupons';
import { shopDay } from '../shopTime';
import { recordAnswers, marketingAnswers, type ConsentAnswers } from '../consent/recordConsent';
import { marketingConsentOf } from '../../../shared/rules/consent';

export interface EnrollInput {
  name: string;
  phone: string;
  email?: string | undefined;
  birthday?: string | undefined;
  consent?: ConsentAnswers | undefined;
  marketingConsent?: boolean | undefined;
  referralCode?: string | undefined;
}

/**
 * Enrolls a member with a new card number from this terminal's range, with the consent answers
 * the customer gave (none pre-ticked: what was not asked stays unanswered). A phone already on file
 * is refused, and the error names the existing member so the cashier can open them instead.
 */
export function enrollMember(ctx: CoreContext, input: EnrollInput): Member {
  const { db } = ctx;
  return db.transaction((): Member => {
    const terminal = requireTerminal(db);
    const phone = normalisePhone(input.phone, terminal.phoneCountry);
    if (!phone) {
      throw new DomainError('invalid_phone', 'That is not a valid phone number.', {
        field: 'phone',
        details: { country: terminal.phoneCountry },
      });
    }
    const existing = memberByPhone(db, phone.e164);
    if (existing) {
      throw new DomainError('duplicate_phone', 'A member with this phone is already enrolled.', {
        field: 'phone',
        details: { memberId: existing.id, name: existing.name, cardNumber: existing.cardNumber },
      });
    }
    let referredBy: string | null = null;
    if (input.referralCode) {
      const code = normaliseCode(input.referralCode, 'referral');
      const referrer = code ? memberByReferralCode(db, code) : null;
      if (!referrer) {
        throw new DomainError('referral_invalid', 'That referral code is not valid.', {
          field: 'referralCode',
        });
      }
      referredBy = referrer.id;
    }
    const consent =
      input.consent ??
      (input.marketingConsent === undefined
        ? null
        : marketingAnswers(ctx, input.marketingConsent, terminal.locale));
    const stamp = stampWrite(ctx);
    const id = uuidv7(ctx.now());
    let referralCode = makeCode('referral');
    while (memberByReferralCode(db, referralCode)) referralCode = makeCode('referral');
    const cardNumber = makeCardNumber(terminal.terminalNumber, takeNextCardSeq(db));
    const record = {
      id,
      cardNumber,
      name: input.name,
      phoneE164: phone.e164,
      phoneNational: phone.national,
      email: input.email ? input.email : null,
      birthday: input.birthday ? input.birthday : null,
      // A cache of the consent ledger below, for head offices and screens that read the flag.
      marketingConsent: consent ? marketingConsentOf(consent.answers) : false,
      consentAt: consent ? stamp.createdAt : null,
      consentTerminalId: consent ? stamp.terminalId : null,
      enrolledAt: stamp.createdAt,
      storeId: stamp.storeId,
      storeName: terminal.storeName,
      terminalId: stamp.terminalId,
      staffId: stamp.staffId,
      referralCode,
      referredBy,
      // The shop's language until the member chooses another on their edit screen.
      preferredLanguage: terminal.locale,
      hlc: stamp.hlc,
    };
    insertMember(db, record);
    appendOutbox(db, stamp, 'member.enrolled', record);
    if (consent) recordAnswers(ctx, stamp, id, consent);
    const program = readProgram(db);
    if (program.coupons.welcomeCampaignId) {
      issueCouponIfRunning(
        db,
        stamp,
        program,
        {
          campaignId: program.coupons.welcomeCampaignId,
          memberId: id,
          source: 'welcome',
          saleId: null,
        },
        shopDay(ctx.now(), terminal.timeZone).date,
      );
    }
    const member = memberById(db, id);
    if (!member) throw new Error('member missing right after insert');
    return member;
  })();
}
