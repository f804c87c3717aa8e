/**
 * The configurator's state: the user's choices and quantity (kept in the URL query, so the address is
 * shareable), the server's answer to `configure` for them, and what goes wrong on the way.
 * Every change sends `configure` again; the previous answer stays on screen until the next one arrives
 * (answers that arrive late for older choices are ignored). `?c=<code>` opens a saved configuration,
 * then shows its choices in the URL. A server that cannot be reached is retried every few seconds.
 */
import { useClientHandle } from '@urql/vue';
import { computed, onBeforeUnmount, type Ref, ref, shallowRef, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { choicesOf, sameChoices } from '../components/configurator/model';
import { type Choice, fromQuery, toQuery } from '../configuration-url';
import {
  AutocompleteDocument,
  type AutocompleteQuery,
  type CompletionPreference,
  ConfigureDocument,
  type ConfigureQuery,
  ResolveConflictDocument,
  type ResolveConflictQuery,
  SaveConfigurationDocument,
  SavedConfigurationDocument,
} from '../graphql/graphql';

export type ConfigurationAnswer = ConfigureQuery['configure'];
export type ConflictResolution = ResolveConflictQuery['resolveConflict'];
export type Completion = AutocompleteQuery['autocomplete'];
/** An answer to a question about the choices (resolveConflict, autocomplete), or why there is none. */
export type Answer<T> = { ok: true; value: T } | { ok: false; message: string };
export type PageStatus = 'loading' | 'ready' | 'not-found' | 'unreachable' | 'error';

export const RETRY_MS = 3000;

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

function selectionInput(choice: Choice) {
  return choice.values != null
    ? { feature: choice.feature, values: [...choice.values] }
    : { feature: choice.feature, value: choice.value ?? null };
}

function normalised(
  list: readonly { feature: string; value?: string | null; values?: string[] | null }[],
): Choice[] {
  return list.map((c) =>
    c.values != null
      ? { feature: c.feature, values: [...c.values] }
      : { feature: c.feature, value: c.value ?? null },
  );
}

export function useConfiguration(productCode: Ref<string>) {
  const route = useRoute();
  const router = useRouter();
  const { client } = useClientHandle();

  const initial = fromQuery(route.query);
  const choices = ref<Choice[]>(initial.choices);
  const quantity = ref(initial.quantity);
  const result = shallowRef<ConfigurationAnswer | null>(null);
  const status = ref<PageStatus>('loading');
  const errorMessage = ref<string | null>(null);
  /** Feature code -> the server's refusal of the value typed for it. */
  const inputErrors = ref<Record<string, string>>({});
  const quantityError = ref<string | null>(null);
  const savedNotFound = ref<string | null>(null);
  const pending = ref(0);
  const updating = computed(() => pending.value > 0);

  let accepted: Choice[] = [];
  let acceptedQuantity = 1;
  let sequence = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;

  function scheduleRetry(action: () => void): void {
    clearTimeout(retryTimer);
    if (!disposed) retryTimer = setTimeout(action, RETRY_MS);
  }

  function badInput(errors: readonly GraphQLErrorLike[]): GraphQLErrorLike | undefined {
    return errors.find((e) => e.extensions?.code === 'BAD_USER_INPUT' || e.extensions?.code === 'NOT_FOUND');
  }

  async function run(): Promise<void> {
    const mine = ++sequence;
    const sent = choices.value;
    const qty = quantity.value;
    const product = productCode.value;
    clearTimeout(retryTimer);
    pending.value++;
    try {
      const answer = await client
        .query(ConfigureDocument, {
          input: { productCode: product, selections: sent.map(selectionInput), quantity: qty },
        })
        .toPromise();
      if (mine !== sequence || disposed) return;
      if (answer.data?.configure) {
        result.value = answer.data.configure;
        accepted = sent;
        acceptedQuantity = qty;
        status.value = 'ready';
        errorMessage.value = null;
        return;
      }
      const error = answer.error;
      if (!error || error.networkError || error.graphQLErrors.length === 0) {
        status.value = 'unreachable';
        scheduleRetry(run);
        return;
      }
      const refusal = badInput(error.graphQLErrors);
      const field = typeof refusal?.extensions?.field === 'string' ? refusal.extensions.field : '';
      if (refusal && (field === 'input.productCode' || field === 'productCode')) {
        status.value = 'not-found';
        errorMessage.value = refusal.message;
        return;
      }
      const index = /selections\[(\d+)\]/.exec(field)?.[1];
      const refused = index !== undefined ? sent[Number(index)] : undefined;
      if (refusal && refused) {
        // Keep the typed text on screen with the refusal; go back to the last choices the server took.
        inputErrors.value = { ...inputErrors.value, [refused.feature]: refusal.message };
        const previous = accepted.find((c) => c.feature === refused.feature);
        const back = sent.filter((c) => c.feature !== refused.feature);
        choices.value = previous ? [...back, previous] : back;
        return;
      }
      if (refusal && field.includes('quantity')) {
        quantityError.value = refusal.message;
        quantity.value = acceptedQuantity;
        return;
      }
      status.value = result.value ? 'ready' : 'error';
      errorMessage.value = error.graphQLErrors[0]?.message ?? error.message;
      if (!result.value) scheduleRetry(run);
    } finally {
      pending.value--;
    }
  }

  async function openSaved(code: string): Promise<void> {
    pending.value++;
    try {
      const answer = await client.query(SavedConfigurationDocument, { code }).toPromise();
      if (disposed) return;
      if (answer.error && !answer.data) {
        status.value = 'unreachable';
        scheduleRetry(() => void openSaved(code));
        return;
      }
      const saved = answer.data?.savedConfiguration;
      if (!saved || saved.productCode !== productCode.value) {
        savedNotFound.value = code;
      } else {
        choices.value = normalised(saved.choices);
        quantity.value = saved.quantity;
        result.value = saved.configuration;
        accepted = choices.value;
        acceptedQuantity = saved.quantity;
        status.value = 'ready';
      }
      await router.replace({ query: toQuery(choices.value, quantity.value) });
      void run();
    } finally {
      pending.value--;
    }
  }

  // Every change: into the URL, then to the server.
  watch([choices, quantity], () => {
    const query = toQuery(choices.value, quantity.value);
    const here = fromQuery(route.query);
    if (!sameChoices(here.choices, choices.value) || here.quantity !== quantity.value || here.savedCode) {
      void router.replace({ query });
    }
    void run();
  });

  // Back/forward, or a link to other choices of the same product.
  watch(
    () => route.query,
    (query) => {
      if (route.name !== 'configure' || route.params.productCode !== productCode.value) return;
      const next = fromQuery(query);
      if (next.savedCode) {
        void openSaved(next.savedCode);
        return;
      }
      if (!sameChoices(next.choices, choices.value)) choices.value = next.choices;
      if (next.quantity !== quantity.value) quantity.value = next.quantity;
    },
  );

  watch(productCode, () => {
    result.value = null;
    status.value = 'loading';
    const next = fromQuery(route.query);
    choices.value = next.choices;
    quantity.value = next.quantity;
    void run();
  });

  if (initial.savedCode) void openSaved(initial.savedCode);
  else void run();

  onBeforeUnmount(() => {
    disposed = true;
    clearTimeout(retryTimer);
  });

  // ----- actions -----
  function choose(choice: Choice): void {
    if (inputErrors.value[choice.feature]) {
      const { [choice.feature]: _, ...rest } = inputErrors.value;
      inputErrors.value = rest;
    }
    const index = choices.value.findIndex((c) => c.feature === choice.feature);
    const next = [...choices.value];
    if (index === -1) next.push(choice);
    else next[index] = choice;
    choices.value = next;
  }

  function replaceChoices(next: Choice[]): void {
    inputErrors.value = {};
    choices.value = next;
  }

  /** The server's answers as the choices (resolveConflict's or autocomplete's selections): one configure call. */
  function applySelections(
    selections: readonly { feature: string; value?: string | null; values?: readonly string[] | null }[],
  ): void {
    replaceChoices(choicesOf(selections));
  }

  function input() {
    return {
      productCode: productCode.value,
      selections: choices.value.map(selectionInput),
      quantity: quantity.value,
    };
  }

  function failure(
    error: { networkError?: Error; graphQLErrors: readonly GraphQLErrorLike[]; message: string } | undefined,
  ): string {
    if (!error || error.networkError || error.graphQLErrors.length === 0) {
      return "Can't reach the server; try again in a moment.";
    }
    return error.graphQLErrors[0]?.message ?? error.message;
  }

  /** The fewest earlier choices to give up to take an excluded option (feature + option code). */
  async function resolveConflict(feature: string, value: string): Promise<Answer<ConflictResolution>> {
    const answer = await client
      .query(ResolveConflictDocument, { input: input(), feature, value }, { requestPolicy: 'network-only' })
      .toPromise();
    const resolution = answer.data?.resolveConflict;
    return resolution ? { ok: true, value: resolution } : { ok: false, message: failure(answer.error) };
  }

  /** A valid complete configuration that keeps the choices ("complete it for me"). */
  async function autocomplete(preference: CompletionPreference): Promise<Answer<Completion>> {
    const answer = await client
      .query(AutocompleteDocument, { input: input(), preference }, { requestPolicy: 'network-only' })
      .toPromise();
    const completion = answer.data?.autocomplete;
    return completion ? { ok: true, value: completion } : { ok: false, message: failure(answer.error) };
  }

  function setQuantity(q: number): void {
    quantityError.value = null;
    quantity.value = q;
  }

  function reset(): void {
    inputErrors.value = {};
    choices.value = [];
  }

  function retryNow(): void {
    if (initial.savedCode && !result.value) void openSaved(initial.savedCode);
    else void run();
  }

  // ----- share -----
  const shareUrl = ref<string | null>(null);
  const shareBusy = ref(false);
  const shareError = ref<string | null>(null);
  watch([choices, quantity], () => {
    shareUrl.value = null;
  });

  async function share(): Promise<void> {
    shareBusy.value = true;
    shareError.value = null;
    try {
      const answer = await client
        .mutation(SaveConfigurationDocument, {
          input: {
            productCode: productCode.value,
            selections: choices.value.map(selectionInput),
            quantity: quantity.value,
          },
        })
        .toPromise();
      const saved = answer.data?.saveConfiguration;
      if (!saved) {
        shareError.value = answer.error?.networkError
          ? "Can't reach the server to save the link; the address bar link works too."
          : (answer.error?.graphQLErrors[0]?.message ?? 'The configuration could not be saved.');
        return;
      }
      shareUrl.value = new URL(saved.url, window.location.origin).href;
    } finally {
      shareBusy.value = false;
    }
  }

  return {
    choices,
    quantity,
    result,
    status,
    errorMessage,
    inputErrors,
    quantityError,
    savedNotFound,
    updating,
    choose,
    replaceChoices,
    applySelections,
    resolveConflict,
    autocomplete,
    setQuantity,
    reset,
    retryNow,
    share,
    shareUrl,
    shareBusy,
    shareError,
  };
}
