/**
 * The server's answer to `configure` for the choices on screen, and what goes wrong on the way. The
 * previous answer stays on screen until the next one arrives (answers that arrive late for older choices
 * are ignored); a refused value or quantity goes back to the last one the server took; a server that
 * cannot be reached is asked again (useRetry). `?c=<code>` opens a saved configuration.
 *
 * Each request also sends the choices of the answer on screen (`since`): the server answers what changed
 * since then. Values it re-chose to fit the new choice (a default that no longer fits) become a notice
 * the person can undo in one click, which sends exactly those earlier choices again.
 */
import { useClientHandle } from '@urql/vue';
import { computed, type Ref, ref, shallowRef } from 'vue';
import { choicesOf, configurationInput, sameChoices } from '../../components/configurator/model';
import type { Choice } from '../../configuration-url';
import {
  type ConfigurationChangesViewFragment,
  ConfigureDocument,
  type ConfigureQuery,
  SavedConfigurationDocument,
} from '../../graphql/graphql';
import { useRetry } from '../useRetry';
import { unreachable } from '../useServer';
import type { Choices } from './useChoices';

export type ConfigurationAnswer = ConfigureQuery['configure'];
export type PageStatus = 'loading' | 'ready' | 'not-found' | 'unreachable' | 'error';
export type ChangesView = ConfigurationChangesViewFragment;
export type ValueChangeView = ChangesView['values'][number];

/**
 * What the last answer changed that the person did not choose: `fitted`, the values re-chosen to fit
 * (with `changes`, everything that changed, for the totals), and `before`, the choices to go back to.
 * Or, once undone, that the earlier choices are back.
 */
export type ChangeNotice =
  | { kind: 'changed'; changes: ChangesView; fitted: ValueChangeView[]; before: Choice[] }
  | { kind: 'undone' };

interface GraphQLErrorLike {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The error that refuses the input (and names the field at fault in extensions.field), if any. */
function refusalOf(errors: readonly GraphQLErrorLike[]): GraphQLErrorLike | undefined {
  return errors.find((e) => e.extensions?.code === 'BAD_USER_INPUT' || e.extensions?.code === 'NOT_FOUND');
}

/** How the configurator asks to be priced: the currency to send (null: none), and whether to ask for the cost. */
export interface PricingAsked {
  currency(): string | null;
  /** Sales staff see what the configuration costs to make and its margin (anyone else is refused it). */
  withCost(): boolean;
}

export function useConfigurationAnswer(
  productCode: Ref<string>,
  selection: Choices,
  pricing: PricingAsked = { currency: () => null, withCost: () => false },
) {
  const { client } = useClientHandle();
  const retry = useRetry();
  const { choices, quantity } = selection;

  const result = shallowRef<ConfigurationAnswer | null>(null);
  const status = ref<PageStatus>('loading');
  const errorMessage = ref<string | null>(null);
  const savedNotFound = ref<string | null>(null);
  const pending = ref(0);
  const updating = computed(() => pending.value > 0);
  const notice = shallowRef<ChangeNotice | null>(null);

  /** The choices and quantity of the answer on screen: where a refused one goes back to. */
  let accepted: Choice[] = [];
  let acceptedQuantity = 1;
  let sequence = 0;
  /** The choices an undo went back to, until their answer arrives. */
  let undoing: Choice[] | null = null;

  /** Sends `configure` for the choices on screen. */
  async function ask(): Promise<void> {
    const mine = ++sequence;
    const sent = choices.value;
    const qty = quantity.value;
    const currency = pricing.currency();
    // What is on screen now, to compare the answer with (nothing yet: nothing to compare).
    const shown = result.value ? accepted : null;
    retry.cancel();
    pending.value++;
    try {
      const answer = await client
        .query(ConfigureDocument, {
          input: configurationInput(productCode.value, sent, qty, currency),
          since: choicesOf(shown ?? []),
          compare: shown !== null,
          withCost: pricing.withCost(),
        })
        .toPromise();
      if (mine !== sequence || retry.stopped()) return;
      if (answer.data?.configure) {
        result.value = answer.data.configure;
        if (shown) noticeChanges(shown, sent, answer.data.configure.changesSince ?? null);
        accepted = sent;
        acceptedQuantity = qty;
        status.value = 'ready';
        errorMessage.value = null;
        return;
      }
      const error = answer.error;
      if (!error || unreachable(error)) {
        status.value = 'unreachable';
        retry.later(ask);
        return;
      }
      const refusal = refusalOf(error.graphQLErrors);
      const field = typeof refusal?.extensions?.field === 'string' ? refusal.extensions.field : '';
      if (refusal && (field === 'input.productCode' || field === 'productCode')) {
        status.value = 'not-found';
        errorMessage.value = refusal.message;
        return;
      }
      const index = /selections\[(\d+)\]/.exec(field)?.[1];
      const refused = index !== undefined ? sent[Number(index)] : undefined;
      if (refusal && refused) {
        const previous = accepted.find((c) => c.feature === refused.feature);
        selection.refuseValue(sent, refused, refusal.message, previous);
        return;
      }
      if (refusal && field === 'input.currency' && currency !== null) {
        // Not offered (any more), or not the account's: back to the default, which asks again.
        selection.refuseCurrency(refusal.message);
        return;
      }
      if (refusal && field.includes('quantity')) {
        selection.refuseQuantity(refusal.message, acceptedQuantity);
        return;
      }
      status.value = result.value ? 'ready' : 'error';
      errorMessage.value = error.graphQLErrors[0]?.message ?? error.message;
      if (!result.value) retry.later(ask);
    } finally {
      pending.value--;
    }
  }

  /** A notice of the values re-chosen to fit, if any; an answer that changes nothing leaves the last one. */
  function noticeChanges(shown: Choice[], sent: Choice[], changes: ChangesView | null): void {
    if (undoing && sameChoices(sent, undoing)) {
      undoing = null;
      notice.value = { kind: 'undone' };
      return;
    }
    undoing = null;
    if (!changes || changes.values.length === 0) return;
    const fitted = changes.values.filter((v) => !v.chosen);
    notice.value = fitted.length > 0 ? { kind: 'changed', changes, fitted, before: shown } : null;
  }

  /** Back to the choices before the change the notice is about, exactly as they were. */
  function undo(): void {
    const shown = notice.value;
    if (shown?.kind !== 'changed') return;
    undoing = shown.before;
    selection.replaceChoices(shown.before);
  }

  function dismissNotice(): void {
    notice.value = null;
  }

  /** Opens a saved configuration (its choices then show in the URL); another product's code is not found. */
  async function openSaved(code: string): Promise<void> {
    pending.value++;
    try {
      const answer = await client
        .query(SavedConfigurationDocument, { code, currency: pricing.currency() })
        .toPromise();
      if (retry.stopped()) return;
      if (answer.error && !answer.data) {
        status.value = 'unreachable';
        retry.later(() => openSaved(code));
        return;
      }
      const saved = answer.data?.savedConfiguration;
      if (!saved || saved.productCode !== productCode.value) {
        savedNotFound.value = code;
      } else {
        notice.value = null;
        choices.value = choicesOf(saved.choices);
        quantity.value = saved.quantity;
        result.value = saved.configuration;
        accepted = choices.value;
        acceptedQuantity = saved.quantity;
        status.value = 'ready';
      }
      await selection.showInUrl();
      void ask();
    } finally {
      pending.value--;
    }
  }

  /** Another product: nothing of the last one stays on screen. */
  function forget(): void {
    result.value = null;
    notice.value = null;
    status.value = 'loading';
  }

  return {
    result,
    status,
    errorMessage,
    savedNotFound,
    updating,
    notice,
    ask,
    openSaved,
    forget,
    undo,
    dismissNotice,
  };
}
