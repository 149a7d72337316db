import type { OperationName } from '../../../shared/api';
import type { CouponView, Member, Receipt } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import { defaultProgram, type Program } from '../../../shared/program';
import { businessDayOf } from '../../../shared/rules/businessDay';
import { makeCode, type CodeKind } from '../../../shared/rules/codes';
import type { ShiftView, StaffMember } from '../../../shared/staff';
import { campaign } from './loyalty';
import { MANAGER_PIN, hkSetup, openTestCore, unwrap, type TestCore } from './terminal';

/**
 * A terminal with something of everything (a member, sales, a refund, a coupon, a gift card, a
 * cashier and an open shift), and one valid input per API operation: what the hostile-input and
 * access tests start from.
 */

/** The program the fixture runs: a welcome coupon, a stackable 10% off, a next-order coupon. */
export const fixtureProgram: Program = {
  ...defaultProgram,
  coupons: {
    campaigns: [
      campaign({ id: 'tenoff', name: '10% off' }),
      campaign({
        id: 'welcome',
        name: 'Welcome',
        kind: 'amount',
        percentOff: null,
        amountOffMinor: 2000,
      }),
    ],
    welcomeCampaignId: 'welcome',
    birthdayCampaignId: null,
    nextOrder: { spendMinor: 1_000_000, campaignId: 'tenoff' },
  },
};

export interface Fixture {
  core: TestCore;
  amy: Member;
  sale: Receipt;
  refundable: Receipt;
  refund: Receipt;
  /** A 10% coupon issued to Amy, unused. */
  coupon: CouponView;
  /** A gift card holding HK$500, and the sale that sold it. */
  giftCardCode: string;
  giftCardSaleId: string;
  /** A cashier with PIN CASHIER_PIN, and the shift the fixture sells in. */
  cashier: StaffMember;
  shiftId: string;
  /** A detractor's answer (NPS 2) on the fixture sale: its follow-up is open. */
  feedbackId: string;
  /** Amy's open complaint (service, medium). */
  complaintId: string;
}

export const CASHIER_PIN = '1357';

/** The fixture terminal's business day now (Hong Kong, default midnight boundary). */
export const todayInHongKong = () => businessDayOf(Date.now(), 'Asia/Hong_Kong', 0);

/** A plain basket for Amy: two teas, nothing redeemed. */
export function basketOf(fx: Fixture) {
  return { saleId: uuidv7(), memberId: fx.amy.id, lines: [line()], redeemPoints: 0 };
}

/** The code with its last random character changed: the check character catches it. */
export function typo(code: string): string {
  const at = code.length - 2;
  const swapped = code[at] === '3' ? '4' : '3';
  return code.slice(0, at) + swapped + code.slice(at + 1);
}

/** A well-formed code of this kind that is not `taken`. */
export function unissued(kind: CodeKind, taken: string): string {
  let code = makeCode(kind);
  while (code === taken) code = makeCode(kind);
  return code;
}

export const line = () => ({
  description: 'Milk tea',
  quantity: 2,
  unitPriceMinor: 5000,
  sku: 'TEA-1',
  category: 'drinks',
  kind: 'goods' as const,
  giftCardCode: null,
});

export function makeFixture(): Fixture {
  const core = openTestCore({ program: fixtureProgram });
  const amy = unwrap(
    core.dispatch('member.enroll', {
      name: 'Amy Chan',
      phone: '9123 4567',
      marketingConsent: true,
    }),
  ) as Member;
  const record = () =>
    unwrap(
      core.dispatch('sale.record', {
        saleId: uuidv7(),
        memberId: amy.id,
        lines: [line()],
        redeemPoints: 0,
      }),
    ) as Receipt;
  const sale = record();
  const refundable = record();
  const refunded = record();
  const refund = unwrap(
    core.dispatch('sale.refund', { saleId: refunded.sale.id, refundId: uuidv7(), reason: 'Spilt' }),
  ) as Receipt;
  const coupon = unwrap(
    core.dispatch('coupon.issue', { campaignId: 'tenoff', memberId: amy.id }),
  ) as CouponView;
  const card = unwrap(
    core.dispatch('sale.record', {
      saleId: uuidv7(),
      memberId: null,
      lines: [{ description: 'Gift card', quantity: 1, unitPriceMinor: 50_000, kind: 'gift_card' }],
      redeemPoints: 0,
    }),
  ) as Receipt;
  const giftCardCode = card.giftCards[0]?.code ?? '';
  const cashier = unwrap(
    core.dispatch('staff.add', {
      name: 'Cara Cashier',
      role: 'cashier',
      pin: CASHIER_PIN,
      managerPin: MANAGER_PIN,
    }),
  ) as StaffMember;
  const shiftId = (unwrap(core.dispatch('shift.current', {})) as ShiftView).id;
  const { feedbackId } = unwrap(
    core.dispatch('feedback.record', {
      saleId: sale.sale.id,
      memberId: amy.id,
      scale: 'nps',
      score: 2,
      reasons: ['speed'],
    }),
  ) as { feedbackId: string };
  const { complaintId } = unwrap(
    core.dispatch('complaint.log', {
      memberId: amy.id,
      contactName: null,
      contact: null,
      consentToContact: true,
      category: 'service',
      severity: 'medium',
      saleIds: [sale.sale.id],
      whatHappened: 'Waited 20 minutes',
      customerWants: 'An apology',
    }),
  ) as { complaintId: string };
  return {
    feedbackId,
    complaintId,
    cashier,
    shiftId,
    core,
    amy,
    sale,
    refundable,
    refund,
    coupon,
    giftCardCode,
    giftCardSaleId: card.sale.id,
  };
}

/** One valid input per operation; each hostile case changes exactly one thing in it. */
export function validInputs(f: Fixture): Record<OperationName, Record<string, unknown>> {
  const basket = {
    memberId: f.amy.id,
    lines: [line()],
    redeemPoints: 100,
    couponCodes: [f.coupon.code],
    giftCardPayments: [{ code: f.giftCardCode, amountMinor: 100 }],
  };
  return {
    'terminal.info': {},
    'terminal.setup': { ...hkSetup },
    'terminal.setLocale': { locale: 'zh-Hant' },
    'terminal.status': {},
    'member.enroll': {
      name: 'Ben Lee',
      phone: '6123 4567',
      email: 'ben@example.com',
      birthday: '1990-05-17',
      marketingConsent: false,
      referralCode: f.amy.referralCode ?? '',
    },
    'consent.record': {
      memberId: f.amy.id,
      consent: {
        method: 'cashier_verbal',
        language: 'en',
        answers: [{ channel: 'sms', purpose: 'marketing', answer: 'withdrawn', wordingVersion: 1 }],
      },
    },
    'consent.ofMember': { memberId: f.amy.id },
    'display.show': {
      memberId: f.amy.id,
      lines: [{ description: 'Tea', quantity: 2, amountMinor: 2400 }],
      totalMinor: 2400,
      pointsToEarn: 24,
    },
    'display.ask': { saleId: f.sale.sale.id, scale: 'csat' },
    'display.pairingCode': {},
    'display.pair': { code: '123456' },
    'display.view': {},
    'display.status': {},
    'display.askConsent': { memberId: f.amy.id },
    'display.clearConsent': {},
    'display.answerConsent': {
      answers: [{ channel: 'sms', purpose: 'marketing', answer: 'granted' }],
    },
    'consent.wording': { language: 'zh-Hant' },
    'member.search': { query: 'amy', limit: 10 },
    'member.byPhone': { phone: '9123 4567' },
    'member.byCard': { cardNumber: f.amy.cardNumber },
    'member.get': { memberId: f.amy.id },
    'member.history': { memberId: f.amy.id, limit: 10 },
    'sale.preview': basket,
    'sale.record': { saleId: uuidv7(), ...basket, moneyTender: 'cash', cashReceivedMinor: 20_000 },
    'sale.refund': {
      saleId: f.refundable.sale.id,
      refundId: uuidv7(),
      reason: 'Wrong size',
      lines: [{ lineNo: 1, quantity: 1 }],
    },
    'sale.approvePriceChange': {
      saleId: uuidv7(),
      description: 'Kettle',
      fromMinor: 12_000,
      toMinor: 9_900,
      managerPin: MANAGER_PIN,
    },
    'sale.get': { saleId: f.sale.sale.id },
    'sale.recent': { query: '0001', limit: 5 },
    'program.get': {},
    'program.update': { program: structuredClone(fixtureProgram), managerPin: MANAGER_PIN },
    'member.loyalty': { memberId: f.amy.id },
    'points.adjust': {
      memberId: f.amy.id,
      points: -50,
      reason: 'Goodwill correction',
      managerPin: MANAGER_PIN,
    },
    'coupon.issue': { campaignId: 'tenoff', memberId: f.amy.id },
    'coupon.check': { code: f.coupon.code, memberId: f.amy.id },
    'giftCard.balance': { code: f.giftCardCode },
    'loyalty.catchUp': {},
    'member.byReferralCode': { code: f.amy.referralCode ?? '' },
    'member.update': { memberId: f.amy.id, name: 'Amy C. Chan', marketingConsent: false },
    'staff.list': { includeDeactivated: true },
    'staff.signIn': { pin: CASHIER_PIN, staffId: f.cashier.id },
    'staff.signOut': {},
    'staff.add': { name: 'Ben Cashier', role: 'cashier', pin: '97531', managerPin: MANAGER_PIN },
    'staff.changePin': { staffId: f.cashier.id, pin: '86420', managerPin: MANAGER_PIN },
    'staff.deactivate': { staffId: f.cashier.id, managerPin: MANAGER_PIN },
    'staff.approve': { managerPin: MANAGER_PIN, screen: 'audit' },
    'policy.get': {},
    'policy.setRefundLimit': { refundLimitMinor: 100_000, managerPin: MANAGER_PIN },
    'audit.search': {
      from: '2020-01-01T00:00:00Z',
      to: '2100-01-01T00:00:00+08:00',
      staffId: f.cashier.id,
      action: 'staff.added',
      subject: f.cashier.id,
      text: 'Cara',
      beforeNo: 1000,
      limit: 20,
      managerPin: MANAGER_PIN,
    },
    'audit.actions': { managerPin: MANAGER_PIN },
    'shift.current': {},
    'shift.open': { floatMinor: 10_000 },
    'shift.summary': { shiftId: f.shiftId, managerPin: MANAGER_PIN },
    'shift.close': {
      shiftId: f.shiftId,
      countedMinor: 12_345,
      note: 'Counted twice',
      managerPin: MANAGER_PIN,
    },
    'sync.enroll': { serverUrl: 'https://head-office.example', code: 'ENROL-1234' },
    'sync.now': {},
    'analytics.overview': { from: '2025-03-01', to: '2025-03-31', tierId: null },
    'analytics.segmentMembers': {
      from: '2025-03-01',
      to: '2025-03-31',
      tierId: 'silver',
      segment: 'lost',
      limit: 10,
    },
    'report.settings': {},
    'report.setDayBoundary': { boundaryMinutes: 240, managerPin: MANAGER_PIN },
    'report.x': {},
    'report.z': { businessDay: todayInHongKong() },
    // Today has not ended (the fixture runs on the wall clock): closing it now is closing early.
    'report.closeDay': {
      businessDay: todayInHongKong(),
      managerPin: MANAGER_PIN,
      closeEarly: true,
    },
    'report.closedDays': { limit: 10 },
    'backup.settings': {},
    'backup.configure': { folder: null, everyHours: 4 },
    'backup.now': {},
    'catalogue.scan': { code: '4 006381 33393 1' },
    'catalogue.search': { query: '奶', limit: 10 },
    'catalogue.quickKeys': { limit: 8 },
    'catalogue.codes': { prefix: 'MILK', limit: 20 },
    'printer.settings': {},
    'printer.configure': {
      settings: {
        transport: 'dialog',
        host: null,
        port: 9100,
        queue: null,
        paperWidth: 58,
        charset: 'big5',
        drawer: true,
        logo: null,
      },
    },
    'printer.printReceipt': { saleId: f.sale.sale.id },
    'printer.testPrint': {},
    'printer.openDrawer': { reason: 'Change for the float' },
    'program.ownership': {},
    'program.adopt': { version: 1, managerPin: MANAGER_PIN },
    'program.propose': { version: 1, managerPin: MANAGER_PIN },
    'tax.settings': {},
    'tax.configure': { settings: { mode: 'inclusive', defaultRateBasisPoints: 500 } },
    'recovery.status': {},
    'recovery.restore': { file: 'ledger-20261207T000000000Z-manual.sqlite3' },
    'recovery.resync': {},
    'report.export': {
      report: { kind: 'z', businessDay: todayInHongKong() },
      format: 'csv',
      locale: 'zh-Hant',
    },
    'feedback.record': {
      saleId: f.refundable.sale.id,
      memberId: f.amy.id,
      scale: 'nps',
      score: 3,
      reasons: ['speed', 'staff'],
      comment: 'Queue was long',
    },
    'feedback.settings': {},
    'feedback.shouldAsk': { saleId: f.sale.sale.id },
    'feedback.ofMember': { memberId: f.amy.id },
    'feedback.followUps': { includeDone: true },
    'feedback.followUpDone': { feedbackId: f.feedbackId, note: 'Called back, sorted' },
    'complaint.log': {
      memberId: f.amy.id,
      contactName: null,
      contact: null,
      consentToContact: true,
      category: 'service',
      severity: 'medium',
      saleIds: [f.sale.sale.id],
      whatHappened: 'Waited 20 minutes',
      customerWants: 'An apology',
    },
    'complaint.step': { complaintId: f.complaintId, step: 'acknowledged', note: 'Called her' },
    'complaint.goodwill': {
      complaintId: f.complaintId,
      points: 200,
      campaignId: null,
      note: 'Sorry',
      managerPin: MANAGER_PIN,
    },
    'complaint.get': { complaintId: f.complaintId },
    'complaint.list': { status: 'unresolved', memberId: null, breachedOnly: false, limit: 20 },
  };
}
