/**
 * The checkout summary, asked of the server (the `checkout` query) whenever what it depends on changes,
 * debounced so that a burst of changes asks once; an answer to an older question is dropped. A field the
 * server refuses (BAD_USER_INPUT naming e.g. input.vatId) is reported to the page, which shows it beside
 * that field; the summary shown until then stays, marked as being updated.
 */
import { type Ref, ref, watch } from 'vue';
import { useServer } from '../../composables/useServer';
import { type CheckoutInput, CheckoutSummaryDocument } from '../../graphql/graphql';
import { debounced } from './checkout-form';
import type { CheckoutSummaryView } from './summary';

export const SUMMARY_DEBOUNCE_MS = 350;
const RETRY_MS = 3000;

export interface SummaryRefusal {
  field: string | null;
  message: string;
}

export function useCheckoutSummary(
  input: () => CheckoutInput | null,
  onRefused: (refusal: SummaryRefusal) => void,
) {
  const server = useServer();
  const summary: Ref<CheckoutSummaryView | null> = ref(null);
  const stale = ref(false);
  const down = ref(false);
  let seq = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  async function ask(): Promise<void> {
    if (retryTimer) clearTimeout(retryTimer);
    const variables = input();
    const mine = ++seq;
    if (!variables) {
      stale.value = false;
      return;
    }
    stale.value = true;
    const answer = await server.query(CheckoutSummaryDocument, { input: variables });
    if (mine !== seq) return;
    stale.value = false;
    down.value = answer.kind === 'down';
    if (answer.kind === 'ok') summary.value = answer.data.checkout;
    else if (answer.kind === 'down') retryTimer = setTimeout(() => void ask(), RETRY_MS);
    else {
      const first = answer.errors[0];
      const field = first?.extensions?.field;
      onRefused({
        field: typeof field === 'string' ? field : null,
        message: first?.message ?? answer.message,
      });
    }
  }

  const later = debounced(() => void ask(), SUMMARY_DEBOUNCE_MS);
  watch(
    () => JSON.stringify(input()),
    () => {
      stale.value = input() !== null;
      later();
    },
    { immediate: true },
  );

  return {
    summary,
    stale,
    down,
    /** Asks now (after PRICE_CHANGED), not after the pause; resolves when the answer is in. */
    refresh(): Promise<void> {
      later.cancel();
      return ask();
    },
    stop(): void {
      later.cancel();
      if (retryTimer) clearTimeout(retryTimer);
      seq++;
    },
  };
}
