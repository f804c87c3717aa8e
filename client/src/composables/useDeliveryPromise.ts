/**
 * When a complete configuration would ship, and how switching an option would move that date: the
 * ConfigurePromise query, asked on its own AFTER each answer of the main `configure` arrives, so the
 * click -> price path never waits for it. Only for a valid complete configuration; answers for older
 * choices are ignored; a failure just leaves the promise out (it is a hint, not the price).
 */
import { useClientHandle } from '@urql/vue';
import { computed, onBeforeUnmount, type Ref, ref, shallowRef, watch } from 'vue';
import { configurationInput } from '../components/configurator/model';
import type { Choice } from '../configuration-url';
import type { ConfigurePromiseQuery } from '../graphql/graphql';
import { ConfigurePromiseDocument } from '../graphql/graphql';

type PromiseAnswer = ConfigurePromiseQuery['configure'];
export type DeliveryPromiseView = NonNullable<PromiseAnswer['promise']>;
export type PromiseEffectView = PromiseAnswer['promiseEffects'][number];

/**
 * A pause after the price arrives: quick successive clicks ask for the promise of the last one only, and
 * the promise (which costs the server as much as the price) never competes with the next click's price.
 */
export const PROMISE_DELAY_MS = 400;

export function useDeliveryPromise(
  productCode: Ref<string>,
  /** The main configure answer on screen (null until the first). */
  answer: Ref<{ valid: boolean; complete: boolean } | null>,
  choices: Ref<Choice[]>,
  quantity: Ref<number>,
) {
  const { client } = useClientHandle();
  const promise = shallowRef<DeliveryPromiseView | null>(null);
  const effects = shallowRef<readonly PromiseEffectView[]>([]);
  /** The promise shown is for earlier choices; the one for these is on its way. */
  const stale = ref(false);
  let sequence = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function ask(mine: number): Promise<void> {
    const input = configurationInput(productCode.value, choices.value, quantity.value);
    const result = await client
      .query(ConfigurePromiseDocument, { input }, { requestPolicy: 'network-only' })
      .toPromise();
    if (mine !== sequence) return;
    const configure = result.data?.configure;
    if (!configure) return; // keep what is shown (still marked stale); the next answer asks again
    stale.value = false;
    promise.value = configure.valid && configure.complete ? (configure.promise ?? null) : null;
    effects.value = promise.value ? configure.promiseEffects : [];
  }

  // A new choice: the promise on its way (or about to be asked) is for choices no longer on screen.
  watch([choices, quantity], () => {
    sequence++;
    clearTimeout(timer);
    stale.value = true;
  });

  watch(answer, (current) => {
    const mine = ++sequence;
    clearTimeout(timer);
    if (!(current?.valid && current.complete)) {
      promise.value = null;
      effects.value = [];
      stale.value = false;
      return;
    }
    stale.value = true;
    timer = setTimeout(() => void ask(mine), PROMISE_DELAY_MS);
  });

  onBeforeUnmount(() => {
    sequence++;
    clearTimeout(timer);
  });

  /**
   * feature -> option -> working days later (+) or earlier (-), only the options that move the date; none
   * while stale (they are relative to the choices they were asked for).
   */
  const effectsByFeature = computed(() => {
    const map: Record<string, Record<string, PromiseEffectView>> = {};
    if (stale.value) return map;
    for (const effect of effects.value) {
      if (effect.days === 0) continue;
      map[effect.feature] ??= {};
      map[effect.feature]![effect.option] = effect;
    }
    return map;
  });

  return { promise, effects, effectsByFeature, stale };
}
