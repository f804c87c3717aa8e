/** Price lists in words: which list priced a price, wherever a price is shown (configurator, orders). */
import { PriceMode } from './graphql/graphql';
import { i18n } from './i18n';

/** What a price says of the list that priced it (`PriceListSummary`, `PriceList`). */
export interface PriceListNamed {
  name: string;
  prices: PriceMode;
}

/** Which list priced a price, in the reader's language: "List prices USD (North America), net of tax". */
export function priceListText(list: PriceListNamed): string {
  return i18n.global.t(list.prices === PriceMode.Net ? 'prices.netOfTax' : 'prices.taxIncluded', {
    list: list.name,
  });
}
