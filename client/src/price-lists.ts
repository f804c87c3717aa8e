/** Price lists in words: which list priced a price, wherever a price is shown (configurator, orders). */
import { PriceMode } from './graphql/graphql';

/** What a price says of the list that priced it (`PriceListSummary`, `PriceList`). */
export interface PriceListNamed {
  name: string;
  prices: PriceMode;
}

/** Which list priced a price, in words: "List prices USD (North America), net of tax". */
export function priceListText(list: PriceListNamed): string {
  return `${list.name}, ${list.prices === PriceMode.Net ? 'net of tax' : 'tax included'}`;
}
