/**
 * The order a printable document shows (OrderDocuments: its lines with BOM, routing and options in words, and
 * its pick list), loaded by the route's :number; with the server down the page says so and retries.
 */
import { computed, ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { useRetry } from '../../composables/useRetry';
import { useServer } from '../../composables/useServer';
import { OrderDocumentsDocument, type OrderDocumentsQuery } from '../../graphql/graphql';

export type DocumentOrder = NonNullable<OrderDocumentsQuery['order']>;

export function useOrderDocuments() {
  const route = useRoute();
  const number = computed(() => String(route.params.number));
  const order = ref<DocumentOrder | null>(null);
  const state = ref<'loading' | 'ok' | 'not-found' | 'down' | 'error'>('loading');
  const problem = ref('');
  const server = useServer();
  const retry = useRetry();
  let seq = 0;

  async function load(): Promise<void> {
    retry.cancel();
    const mine = ++seq;
    const answer = await server.query(OrderDocumentsDocument, { number: number.value });
    if (retry.stopped() || mine !== seq) return;
    if (answer.kind === 'ok') {
      order.value = answer.data.order ?? null;
      state.value = order.value ? 'ok' : 'not-found';
      return;
    }
    problem.value = answer.message;
    state.value = retry.afterFailure(state.value, answer.kind, load);
  }

  watch(
    number,
    () => {
      state.value = 'loading';
      order.value = null;
      void load();
    },
    { immediate: true },
  );

  return { number, order, state, problem, load };
}
