/**
 * The order a printable document shows (OrderDocuments: its lines with BOM, routing and options in words, and
 * its pick list), loaded by the route's :number; with the server down the page says so and retries.
 */
import { computed } from 'vue';
import { useRoute } from 'vue-router';
import { useLoadedRecord } from '../../composables/useLoadedRecord';
import { type Remote, useServer } from '../../composables/useServer';
import { OrderDocumentsDocument, type OrderDocumentsQuery } from '../../graphql/graphql';

export type DocumentOrder = NonNullable<OrderDocumentsQuery['order']>;

export function useOrderDocuments() {
  const route = useRoute();
  const number = computed(() => String(route.params.number));
  const server = useServer();
  const fetch = async (asked: string): Promise<Remote<DocumentOrder | null>> => {
    const answer = await server.query(OrderDocumentsDocument, { number: asked });
    return answer.kind === 'ok' ? { kind: 'ok', data: answer.data.order ?? null } : answer;
  };
  const { record: order, state, problem, load } = useLoadedRecord(number, fetch);
  return { number, order, state, problem, load };
}
