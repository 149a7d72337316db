import type { SaleLine } from './domain';
import { catalogs, translate, type MessageKey, type MessageParams } from './i18n';
import { locales } from './locale';

type Named = Pick<SaleLine, 'description' | 'kind' | 'giftCardCode'>;

/** What a key says in every language: how a name stored by an older version is recognised. */
function inAnyLanguage(key: MessageKey, params?: MessageParams): Set<string> {
  return new Set(locales.map((locale) => translate(locale, key, params)));
}

const defaultItemNames = new Set(locales.map((locale) => catalogs[locale]['sale.defaultItem']));

/**
 * The name of a sale line in the reader's language. A line nobody named is stored without a name
 * and named here: "Goods" on an English screen, 「貨品」 on a 繁體中文 one, whichever language it was
 * sold in. Gift-card lines are named by their kind. Older ledgers stored the default name in the
 * language of the day; those are recognised in any language and named afresh too.
 */
export function lineName(
  line: Named,
  t: (key: MessageKey, params?: MessageParams) => string,
): string {
  const stored = line.description.trim();
  switch (line.kind) {
    case 'gift_card':
      return stored === '' || inAnyLanguage('sale.giftCardLine').has(stored)
        ? t('sale.giftCardLine')
        : stored;
    case 'gift_card_topup': {
      const code = line.giftCardCode ?? '';
      return stored === '' || inAnyLanguage('sale.giftCardTopUpLine', { code }).has(stored)
        ? t('sale.giftCardTopUpLine', { code })
        : stored;
    }
    case 'goods':
      return stored === '' || defaultItemNames.has(stored) ? t('sale.defaultItem') : stored;
    default: {
      const never: never = line.kind;
      return never;
    }
  }
}
