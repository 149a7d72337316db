import type { StateCreator } from 'zustand';
import { uuidv7 } from '../../../shared/ids';
import { normaliseCode } from '../../../shared/rules/codes';
import type { AppError } from '../../../shared/result';
import { api } from '../api';
import { askOnDisplay } from '../display/customerDisplayFeed';
import type { AppState, GiftCardPayment, SaleSlice } from './types';

let previewGeneration = 0;
let loyaltyGeneration = 0;

type BasketState = Pick<
  AppState,
  'saleMember' | 'lines' | 'redeemPoints' | 'overridePin' | 'couponCodes' | 'giftCardPayments'
>;

function basketOf(state: BasketState) {
  return {
    memberId: state.saleMember?.id ?? null,
    lines: state.lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      unitPriceMinor: line.unitPriceMinor,
      sku: line.sku,
      category: line.category,
      kind: line.kind,
      giftCardCode: line.giftCardCode,
    })),
    redeemPoints: state.redeemPoints,
    couponCodes: state.couponCodes,
    giftCardPayments: state.giftCardPayments.map(({ code, amountMinor }) => ({
      code,
      amountMinor,
    })),
    ...(state.overridePin ? { overridePin: state.overridePin } : {}),
  };
}

const isCouponError = (error: AppError) =>
  error.field === 'couponCodes' || error.code.startsWith('coupon_');
const isGiftCardError = (error: AppError) =>
  error.field === 'giftCardPayments' || error.code.startsWith('gift_card_');

/** A coupon that is not usable now, said with the reason its state gives. */
function couponStateError(
  state: string,
  validFrom: string | null,
  validTo: string | null,
): AppError | null {
  switch (state) {
    case 'usable':
      return null;
    case 'used':
      return { code: 'coupon_already_used', message: 'used' };
    case 'expired':
      return { code: 'coupon_expired', message: 'expired', details: { date: validTo ?? '' } };
    case 'not_yet_valid':
      return {
        code: 'coupon_not_yet_valid',
        message: 'not yet valid',
        details: { date: validFrom ?? '' },
      };
    case 'limit_reached':
      return { code: 'coupon_limit_reached', message: 'limit reached' };
    case 'voided':
      return { code: 'coupon_voided', message: 'voided' };
    default:
      return { code: 'coupon_not_found', message: state };
  }
}

function emptyCart() {
  return {
    saleId: uuidv7(),
    lines: [],
    saleMember: null,
    memberLoyalty: null,
    redeemPoints: 0,
    overridePin: null,
    couponCodes: [],
    giftCardPayments: [],
    preview: null,
    saleError: null,
    moneyTender: 'cash',
    cashReceivedMinor: null,
  } satisfies Partial<AppState>;
}

const isCashError = (error: AppError | null) => error?.code.startsWith('cash_received_') ?? false;

export const createSaleSlice: StateCreator<AppState, [], [], SaleSlice> = (set, get) => {
  /**
   * Asks the core to price the basket with a change before keeping it: a coupon or gift card the
   * core refuses is never added, and the refusal says exactly why.
   */
  async function tryBasket(
    patch: Partial<BasketState>,
    refuses: (error: AppError) => boolean,
  ): Promise<AppError | null> {
    const next = { ...get(), ...patch };
    if (next.lines.length === 0) {
      set(patch);
      return null;
    }
    const generation = ++previewGeneration;
    const result = await api.invoke('sale.preview', basketOf(next));
    if (!result.ok && refuses(result.error)) return result.error;
    if (generation !== previewGeneration) {
      set(patch);
      void get().refreshPreview();
      return null;
    }
    if (result.ok) set({ ...patch, preview: result.value, saleError: null });
    else set({ ...patch, saleError: result.error });
    return null;
  }

  async function loadMemberLoyalty(memberId: string | null) {
    const generation = ++loyaltyGeneration;
    set({ memberLoyalty: null });
    if (!memberId) return;
    const result = await api.invoke('member.loyalty', { memberId });
    if (generation !== loyaltyGeneration) return;
    if (result.ok) set({ memberLoyalty: result.value });
    else get().showError(result.error);
  }

  return {
    ...emptyCart(),
    recording: false,
    receipt: null,
    receiptIsPast: false,
    recentSales: [],
    addLine(line) {
      set((state) => ({ lines: [...state.lines, { ...line, key: uuidv7() }] }));
      void get().refreshPreview();
    },
    addCatalogueItem(item) {
      get().addLine({
        description: item.name,
        quantity: 1,
        unitPriceMinor: item.priceMinor,
        sku: item.sku,
        category: item.categoryCode,
        kind: 'goods',
        giftCardCode: null,
      });
    },
    async addScannedItem(code) {
      const result = await api.invoke('catalogue.scan', { code });
      if (!result.ok) {
        get().showError(result.error);
        return false;
      }
      if (!result.value) {
        set({ notice: { kind: 'error', message: { key: 'catalogue.noItem', params: { code } } } });
        return false;
      }
      get().addCatalogueItem(result.value);
      return true;
    },
    removeLine(key) {
      set((state) => ({ lines: state.lines.filter((line) => line.key !== key) }));
      void get().refreshPreview();
    },
    setLineQuantity(key, quantity) {
      if (!Number.isInteger(quantity) || quantity < 1 || quantity > 9999) return;
      set((state) => ({
        lines: state.lines.map((line) => (line.key === key ? { ...line, quantity } : line)),
      }));
      void get().refreshPreview();
    },
    async changeLinePrice(key, unitPriceMinor, managerPin) {
      const line = get().lines.find((l) => l.key === key);
      if (!line) return null;
      const result = await api.invoke('sale.approvePriceChange', {
        saleId: get().saleId,
        description: line.description,
        fromMinor: line.unitPriceMinor,
        toMinor: unitPriceMinor,
        managerPin,
      });
      if (!result.ok) return result.error;
      set((state) => ({
        lines: state.lines.map((l) => (l.key === key ? { ...l, unitPriceMinor } : l)),
      }));
      void get().refreshPreview();
      return null;
    },
    attachMember(member) {
      // A manager's approval was for the member who was on the sale, not for the next one.
      set({ saleMember: member, redeemPoints: 0, overridePin: null });
      void loadMemberLoyalty(member?.id ?? null);
      void get().refreshPreview();
    },
    setRedeemPoints(points) {
      set({ redeemPoints: points });
      void get().refreshPreview();
    },
    async approveRedeemOverride(pin) {
      // Only a priced basket checks the PIN; with nothing to price there is nothing to approve.
      if (get().lines.length === 0) return null;
      return tryBasket({ overridePin: pin }, (error) => error.code === 'wrong_pin');
    },
    clearRedeemOverride() {
      set({ overridePin: null });
      void get().refreshPreview();
    },
    async applyCoupon(input) {
      const code = normaliseCode(input, 'coupon');
      if (!code) return { code: 'coupon_invalid_code', message: 'check character', field: 'code' };
      if (get().couponCodes.includes(code)) return null;
      // The coupon's own state first (used, expired, someone else's), then this basket.
      const check = await api.invoke('coupon.check', {
        code,
        memberId: get().saleMember?.id ?? null,
      });
      if (!check.ok) return check.error;
      const refusal = couponStateError(
        check.value.state,
        check.value.validFrom,
        check.value.validTo,
      );
      if (refusal) return { ...refusal, details: { ...refusal.details, code } };
      return tryBasket({ couponCodes: [...get().couponCodes, code] }, isCouponError);
    },
    removeCoupon(code) {
      set((state) => ({ couponCodes: state.couponCodes.filter((c) => c !== code) }));
      void get().refreshPreview();
    },
    async addGiftCardPayment(payment: GiftCardPayment) {
      const others = get().giftCardPayments.filter((p) => p.code !== payment.code);
      return tryBasket({ giftCardPayments: [...others, payment] }, isGiftCardError);
    },
    removeGiftCardPayment(code) {
      set((state) => ({ giftCardPayments: state.giftCardPayments.filter((p) => p.code !== code) }));
      void get().refreshPreview();
    },
    async refreshPreview() {
      const generation = ++previewGeneration;
      const state = get();
      if (state.lines.length === 0) {
        set({ preview: null, saleError: null });
        return;
      }
      const result = await api.invoke('sale.preview', basketOf(state));
      if (generation !== previewGeneration) return;
      if (result.ok) set({ preview: result.value, saleError: null });
      else set({ saleError: result.error });
    },
    setMoneyTender(tender) {
      // Card takes no cash: an amount typed for cash does not follow the switch.
      set((state) => ({
        moneyTender: tender,
        cashReceivedMinor: tender === 'cash' ? state.cashReceivedMinor : null,
        saleError: isCashError(state.saleError) ? null : state.saleError,
      }));
    },
    setCashReceived(minor) {
      set((state) => ({
        cashReceivedMinor: minor,
        saleError: isCashError(state.saleError) ? null : state.saleError,
      }));
    },
    async recordSale() {
      const state = get();
      if (state.recording || state.lines.length === 0) return;
      set({ recording: true });
      const cash = state.moneyTender === 'cash' ? state.cashReceivedMinor : null;
      const result = await api.invoke('sale.record', {
        saleId: state.saleId,
        ...basketOf(state),
        moneyTender: state.moneyTender,
        ...(cash !== null ? { cashReceivedMinor: cash } : {}),
      });
      set({ recording: false });
      if (!result.ok) {
        set({ saleError: result.error });
        return;
      }
      // The recorded sale is done: F2 from the receipt starts an empty cart, never this one again.
      ++loyaltyGeneration;
      set({ ...emptyCart(), receipt: result.value, receiptIsPast: false, screen: 'receipt' });
      // The customer display asks its closing question, if the program asks about this sale.
      void askOnDisplay(result.value.sale.id);
      await get().refreshStatus();
    },
    newSale() {
      ++loyaltyGeneration;
      set({ ...emptyCart(), receipt: null, receiptIsPast: false, screen: 'sale' });
    },
    async loadRecentSales(query) {
      const result = await api.invoke('sale.recent', { limit: 30, ...(query ? { query } : {}) });
      if (result.ok) set({ recentSales: result.value });
      else get().showError(result.error);
    },
    async openReceipt(saleId) {
      const result = await api.invoke('sale.get', { saleId });
      if (result.ok) set({ receipt: result.value, receiptIsPast: true, screen: 'receipt' });
      else get().showError(result.error);
    },
    async refundSale(saleId, reason, lines, managerPin) {
      const result = await api.invoke('sale.refund', {
        saleId,
        refundId: uuidv7(),
        reason,
        ...(lines ? { lines } : {}),
        ...(managerPin ? { managerPin } : {}),
      });
      if (!result.ok) return result.error;
      set({ receipt: result.value, receiptIsPast: false, screen: 'receipt' });
      await get().refreshStatus();
      return null;
    },
  };
};
