/**
 * The client's one retry policy, for every page: while the server cannot be reached, what a page shows is
 * asked again every RETRY_DELAY_MS (the pages say "trying again every 3 seconds" and keep what is already
 * on screen), until it answers or the page is left. Retried this way: the queries that load a page
 * (products, configure, savedConfiguration, order, orderTracking, operationsBoard, materials) and the
 * catalogue's health check: asking again changes nothing on the server. Queries that only add to a page
 * are not retried (the delivery promise and stock movements are asked again with the next change; the
 * person asks resolveConflict and autocomplete again).
 *
 * Mutations are never retried by themselves: the person sees that nothing was changed and acts again.
 * Only placeOrder would be safe to send twice: the checkout sends one idempotency key per page load and the
 * server answers a repeat of the same request with the order it already placed (OrderService.replay), so
 * "Place order" again after a failure never places two orders. The operations actions and adjustStock
 * have no such key (a repeated stock adjustment would count twice), so nothing resends them.
 *
 * A retry loop rather than @urql/exchange-retry: the exchange retries inside the request, so a page would
 * stay "loading" instead of saying at once that the server is down while it keeps trying.
 */
import { onBeforeUnmount } from 'vue';

export const RETRY_DELAY_MS = 3000;

/** Retries of one page's loading; call it in a component's setup (it stops when the component goes). */
export function useRetry() {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  onBeforeUnmount(() => {
    stopped = true;
    clearTimeout(timer);
  });

  /** Asks again in RETRY_DELAY_MS (instead of any retry already waiting). */
  function later(again: () => unknown): void {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => void again(), RETRY_DELAY_MS);
  }

  return {
    /** Asks again in RETRY_DELAY_MS (instead of any retry already waiting). */
    later,
    /** Forgets the retry waiting (the page is asking now). */
    cancel(): void {
      clearTimeout(timer);
    },
    /**
     * A page's load got no answer: when the server is down, what is already shown stays ('ok' kept,
     * else 'down') and the load is asked again later; any other failure is the page's 'error'. Answers
     * the page's state after it.
     */
    afterFailure<S extends string>(
      state: S,
      kind: 'down' | 'error',
      again: () => unknown,
    ): S | 'down' | 'error' {
      if (kind === 'error') return 'error';
      later(again);
      return state === 'ok' ? state : 'down';
    },
    /** The page is gone: answers that arrive now are for nobody. */
    stopped: (): boolean => stopped,
  };
}
