/**
 * The currencies the server prices in today (`currencies`): what the configurator's currency switch
 * offers. Asked once per page; while unknown (or the server is down) the list is empty and the switch
 * shows only the currency priced in now.
 */
import { useClientHandle } from '@urql/vue';
import { type Ref, ref } from 'vue';
import { CurrenciesDocument } from '../../graphql/graphql';

export function useCurrencies(): Ref<readonly string[]> {
  const { client } = useClientHandle();
  const currencies = ref<readonly string[]>([]);
  void client
    .query(CurrenciesDocument, {})
    .toPromise()
    .then((answer) => {
      if (answer.data?.currencies) currencies.value = answer.data.currencies;
    });
  return currencies;
}
