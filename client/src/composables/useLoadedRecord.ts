/**
 * One record a page shows, loaded by a key of its route (an order's number, a tracking token): loading,
 * shown, not found, the server down (said and retried, see useRetry) or an error in words. A newer key's
 * answer wins over an older one still on its way.
 */
import { type Ref, ref, watch } from 'vue';
import { useRetry } from './useRetry';
import type { Remote } from './useServer';

export type RecordState = 'loading' | 'ok' | 'not-found' | 'down' | 'error';

export function useLoadedRecord<T>(
  key: Readonly<Ref<string>>,
  fetch: (key: string) => Promise<Remote<T | null>>,
) {
  const record = ref<T | null>(null) as Ref<T | null>;
  const state = ref<RecordState>('loading');
  const problem = ref('');
  const retry = useRetry();
  let seq = 0;

  async function load(): Promise<void> {
    retry.cancel();
    const mine = ++seq;
    const answer = await fetch(key.value);
    if (retry.stopped() || mine !== seq) return;
    if (answer.kind === 'ok') {
      record.value = answer.data ?? null;
      state.value = record.value ? 'ok' : 'not-found';
      return;
    }
    problem.value = answer.message;
    state.value = retry.afterFailure(state.value, answer.kind, load);
  }

  watch(
    key,
    () => {
      state.value = 'loading';
      record.value = null;
      void load();
    },
    { immediate: true },
  );

  return { record, state, problem, load };
}
