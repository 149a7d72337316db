/**
 * Sales tax at the till (shared/rules/tax.ts): the settings section, the sale screen's tax line
 * and the receipt's tax per rate, in the three languages. Kept apart so the tax words read
 * together; en.ts, zh-Hant.ts and zh-Hans.ts spread them in, and the catalogs test checks every
 * key in every language.
 */
export const taxMessagesEn = {
  'tax.title': 'Sales tax',
  'tax.explain':
    'How this shop taxes what it sells. Sales already rung up keep the tax they were rung up with.',
  'tax.mode': 'Prices',
  'tax.mode.none': 'No tax',
  'tax.mode.inclusive': 'Prices include tax',
  'tax.mode.exclusive': 'Tax added at the till',
  'tax.defaultRate': 'Default rate (%)',
  'tax.defaultRateHint':
    'For open items and items without a tax class. A percentage with up to two decimals, e.g. 8.25.',
  'tax.rateInvalid':
    'The rate is a percentage from 0 to 100 with up to two decimals, e.g. 8 or 8.25. Nothing was changed.',
  'tax.current.none': 'Now: no tax.',
  'tax.current': 'Now: {mode}, {rate}.',
  'tax.save': 'Save tax setting',
  'tax.saved': 'Tax setting saved. New sales are taxed this way.',
  'sale.tax': 'Tax',
  'sale.includesTax': 'Includes tax',
  'receipt.taxAtRate': 'Tax {rate}',
  'receipt.includesTaxAtRate': 'Includes tax {rate}',
} as const;

export const taxMessagesZhHant: Record<keyof typeof taxMessagesEn, string> = {
  'tax.title': '銷售稅',
  'tax.explain': '本店售價如何計稅。已完成的銷售保留當時的稅項。',
  'tax.mode': '售價',
  'tax.mode.none': '不設稅',
  'tax.mode.inclusive': '售價已含稅',
  'tax.mode.exclusive': '結帳時加稅',
  'tax.defaultRate': '預設稅率（%）',
  'tax.defaultRateHint': '適用於自訂價格商品及未設稅種的商品。百分比，最多兩位小數，例如 8.25。',
  'tax.rateInvalid': '稅率須為 0 至 100 的百分比，最多兩位小數，例如 8 或 8.25。設定未有更改。',
  'tax.current.none': '現時：不設稅。',
  'tax.current': '現時：{mode}，{rate}。',
  'tax.save': '儲存稅項設定',
  'tax.saved': '稅項設定已儲存。新的銷售按此計稅。',
  'sale.tax': '稅項',
  'sale.includesTax': '已含稅',
  'receipt.taxAtRate': '稅項 {rate}',
  'receipt.includesTaxAtRate': '已含稅 {rate}',
};

export const taxMessagesZhHans: Record<keyof typeof taxMessagesEn, string> = {
  'tax.title': '销售税',
  'tax.explain': '本店售价如何计税。已完成的销售保留当时的税额。',
  'tax.mode': '售价',
  'tax.mode.none': '不设税',
  'tax.mode.inclusive': '售价已含税',
  'tax.mode.exclusive': '结账时加税',
  'tax.defaultRate': '默认税率（%）',
  'tax.defaultRateHint': '适用于自定价格商品及未设税种的商品。百分比，最多两位小数，例如 8.25。',
  'tax.rateInvalid': '税率须为 0 至 100 的百分比，最多两位小数，例如 8 或 8.25。设置未更改。',
  'tax.current.none': '当前：不设税。',
  'tax.current': '当前：{mode}，{rate}。',
  'tax.save': '保存税务设置',
  'tax.saved': '税务设置已保存。新的销售按此计税。',
  'sale.tax': '税额',
  'sale.includesTax': '已含税',
  'receipt.taxAtRate': '税额 {rate}',
  'receipt.includesTaxAtRate': '已含税 {rate}',
};
