/**
 * What the checkout form offers, asked once and again when the reader's language changes (country names
 * are in that language): the countries we ship to, the payment terms, the terms of sale.
 */
import { type Ref, ref, watch } from 'vue';
import { useServer } from '../../composables/useServer';
import { CheckoutOptionsDocument, type CheckoutOptionsQuery } from '../../graphql/graphql';
import { currentLocale } from '../../i18n';

export type CheckoutOptions = CheckoutOptionsQuery;

export function useCheckoutOptions() {
  const server = useServer();
  const options: Ref<CheckoutOptions | null> = ref(null);
  const failed = ref(false);
  let seq = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  async function load(): Promise<void> {
    const mine = ++seq;
    const answer = await server.query(CheckoutOptionsDocument, { locale: currentLocale.value });
    if (mine !== seq) return;
    failed.value = answer.kind !== 'ok';
    if (answer.kind === 'ok') options.value = answer.data;
    else retryTimer = setTimeout(() => void load(), 3000);
  }

  watch(currentLocale, () => void load(), { immediate: true });

  return {
    options,
    failed,
    stop(): void {
      seq++;
      if (retryTimer) clearTimeout(retryTimer);
    },
  };
}
