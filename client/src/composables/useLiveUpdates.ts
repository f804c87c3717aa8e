/**
 * A page's live updates: while the page is shown, a subscription whose every message calls `changed` (the
 * page refetches what it shows). `variables` may say null: no subscription then (a guest, no order yet); a new
 * value replaces the subscription. Ended when the page goes away.
 */
import type { TypedDocumentNode } from '@urql/core';
import { onScopeDispose, watch } from 'vue';
import { liveState } from '../live';
import { urqlClient } from '../urql';

export function useLiveUpdates<Data, Variables extends Record<string, unknown>>(
  document: TypedDocumentNode<Data, Variables>,
  variables: () => Variables | null,
  changed: (data: Data) => void,
) {
  let stop: (() => void) | null = null;
  watch(
    () => JSON.stringify(variables()),
    () => {
      stop?.();
      stop = null;
      const given = variables();
      if (given === null) return;
      const { unsubscribe } = urqlClient.subscription(document, given).subscribe((result) => {
        if (result.data) changed(result.data);
      });
      stop = unsubscribe;
    },
    { immediate: true },
  );
  onScopeDispose(() => stop?.());
  return { liveState };
}
