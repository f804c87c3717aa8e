/**
 * The configurator's state, put together from its parts (./configuration): the choices and quantity
 * (kept in the URL: useChoices), the server's answer to `configure` for them (useConfigurationAnswer),
 * questions about them (resolveConflict, autocomplete: useChoiceQuestions) and the share link
 * (useShareLink). Here: when to ask again. Every change of the choices sends `configure`; back/forward
 * or a link follows the URL; `?c=<code>` opens a saved configuration.
 */
import { computed, inject, type Ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { configurationInput } from '../components/configurator/model';
import { Role } from '../graphql/graphql';
import { useChoiceQuestions } from './configuration/useChoiceQuestions';
import { useChoices } from './configuration/useChoices';
import { useConfigurationAnswer } from './configuration/useConfigurationAnswer';
import { useShareLink } from './configuration/useShareLink';
import { SESSION } from './useSession';

/** Who sees a configuration's cost and margin in the configurator (the server refuses it to anyone else). */
export const COST_ROLES: readonly Role[] = [Role.Sales, Role.SalesManager, Role.Admin];

export type { Answer, Completion, ConflictResolution } from './configuration/useChoiceQuestions';
export type {
  ChangeNotice,
  ChangesView,
  ConfigurationAnswer,
  PageStatus,
  ValueChangeView,
} from './configuration/useConfigurationAnswer';

export function useConfiguration(productCode: Ref<string>) {
  const route = useRoute();
  // The app provides the session (main.ts); a page mounted on its own is an anonymous visitor's.
  const session = inject(SESSION, null);
  const selection = useChoices();
  const { choices, quantity, currency, initial } = selection;
  /** A signed-in customer's account fixes the currency and list: then no currency is sent or switched. */
  const account = computed(() => session?.me.value?.account ?? null);
  const sentCurrency = () => (account.value ? null : currency.value);
  const withCost = computed(() => session?.hasAnyRole(COST_ROLES) ?? false);
  const answer = useConfigurationAnswer(productCode, selection, {
    currency: sentCurrency,
    withCost: () => withCost.value,
  });
  const input = () => configurationInput(productCode.value, choices.value, quantity.value, sentCurrency());
  const questions = useChoiceQuestions(input);
  const sharing = useShareLink(input, [choices, quantity, currency]);

  // Every change goes to the server (useChoices puts it in the URL); so does signing in or out.
  watch([choices, quantity, currency], () => void answer.ask());
  watch(
    () => [account.value?.id ?? null, withCost.value],
    () => void answer.ask(),
  );

  // Back/forward, or a link to other choices of the same product.
  watch(
    () => route.query,
    () => {
      if (route.name !== 'configure' || route.params.productCode !== productCode.value) return;
      const next = selection.inUrl();
      if (next.savedCode) void answer.openSaved(next.savedCode);
      else selection.follow(next);
    },
  );

  watch(productCode, () => {
    answer.forget();
    const next = selection.inUrl();
    choices.value = next.choices;
    quantity.value = next.quantity;
    void answer.ask();
  });

  if (initial.savedCode) void answer.openSaved(initial.savedCode);
  else void answer.ask();

  function retryNow(): void {
    if (initial.savedCode && !answer.result.value) void answer.openSaved(initial.savedCode);
    else void answer.ask();
  }

  return {
    choices,
    quantity,
    currency,
    currencyError: selection.currencyError,
    /** The customer account that fixes the currency and list (a signed-in customer's); null for others. */
    account,
    /** The currency sent to the server now (null: the server's default, or the account's). */
    sentCurrency,
    result: answer.result,
    status: answer.status,
    errorMessage: answer.errorMessage,
    inputErrors: selection.inputErrors,
    quantityError: selection.quantityError,
    savedNotFound: answer.savedNotFound,
    updating: answer.updating,
    notice: answer.notice,
    undo: answer.undo,
    dismissNotice: answer.dismissNotice,
    choose: selection.choose,
    replaceChoices: selection.replaceChoices,
    applySelections: selection.applySelections,
    resolveConflict: questions.resolveConflict,
    autocomplete: questions.autocomplete,
    setQuantity: selection.setQuantity,
    setCurrency: selection.setCurrency,
    reset: selection.reset,
    retryNow,
    ...sharing,
  };
}
