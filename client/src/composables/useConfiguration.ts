/**
 * The configurator's state, put together from its parts (./configuration): the choices and quantity
 * (kept in the URL: useChoices), the server's answer to `configure` for them (useConfigurationAnswer),
 * questions about them (resolveConflict, autocomplete: useChoiceQuestions) and the share link
 * (useShareLink). Here: when to ask again. Every change of the choices sends `configure`; back/forward
 * or a link follows the URL; `?c=<code>` opens a saved configuration.
 */
import { type Ref, watch } from 'vue';
import { useRoute } from 'vue-router';
import { configurationInput } from '../components/configurator/model';
import { useChoiceQuestions } from './configuration/useChoiceQuestions';
import { useChoices } from './configuration/useChoices';
import { useConfigurationAnswer } from './configuration/useConfigurationAnswer';
import { useShareLink } from './configuration/useShareLink';

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
  const selection = useChoices();
  const { choices, quantity, initial } = selection;
  const answer = useConfigurationAnswer(productCode, selection);
  const input = () => configurationInput(productCode.value, choices.value, quantity.value);
  const questions = useChoiceQuestions(input);
  const sharing = useShareLink(input, [choices, quantity]);

  // Every change goes to the server (useChoices puts it in the URL).
  watch([choices, quantity], () => void answer.ask());

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
    reset: selection.reset,
    retryNow,
    ...sharing,
  };
}
