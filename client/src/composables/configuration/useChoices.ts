/**
 * The choices, quantity and currency on screen, kept in the URL query so that the address is shareable,
 * and the server's refusals of what was typed (shown next to the field until it changes). The currency a
 * visitor picks is also remembered on this browser (local storage) for the next product they open.
 */
import { type Ref, ref, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { nextChoices, sameChoices } from '../../components/configurator/model';
import { type Choice, type ConfigurationQuery, contextOf, fromQuery, toQuery } from '../../configuration-url';
import { storeCurrency, storedCurrency } from '../../currency-choice';

export type Choices = ReturnType<typeof useChoices>;

export function useChoices() {
  const route = useRoute();
  const router = useRouter();
  const inUrl = (): ConfigurationQuery => fromQuery(route.query);

  const initial = inUrl();
  const choices: Ref<Choice[]> = ref(initial.choices);
  const quantity = ref(initial.quantity);
  /** The currency picked (the URL's, else this browser's last); null: the server's default. */
  const currency = ref<string | null>(initial.currency ?? storedCurrency());
  /** The server's refusal of the currency last picked (it then went back to the default). */
  const currencyError = ref<string | null>(null);
  /** Feature code -> the server's refusal of the value typed for it. */
  const inputErrors = ref<Record<string, string>>({});
  const quantityError = ref<string | null>(null);

  // Every change into the URL, unless the URL says it already (back/forward, a link).
  watch([choices, quantity, currency], () => {
    const here = inUrl();
    if (
      !sameChoices(here.choices, choices.value) ||
      here.quantity !== quantity.value ||
      here.currency !== currency.value ||
      here.savedCode
    ) {
      void showInUrl();
    }
  });

  function showInUrl() {
    // Opened from a quote: that stays in the URL beside the choices.
    return router.replace({
      query: { ...contextOf(route.query), ...toQuery(choices.value, quantity.value, currency.value) },
    });
  }

  /** Takes the URL's choices (back/forward, a link to other choices) where they differ. */
  function follow(next: ConfigurationQuery): void {
    if (!sameChoices(next.choices, choices.value)) choices.value = next.choices;
    if (next.quantity !== quantity.value) quantity.value = next.quantity;
    if (next.currency !== null && next.currency !== currency.value) currency.value = next.currency;
  }

  /** A visitor picks the currency to be priced in: in the URL, and remembered on this browser. */
  function setCurrency(next: string | null): void {
    currencyError.value = null;
    storeCurrency(next);
    currency.value = next;
  }

  /** The server refused the currency (not offered, or not the account's): back to the default, saying why. */
  function refuseCurrency(message: string): void {
    currencyError.value = message;
    storeCurrency(null);
    currency.value = null;
  }

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

  /**
   * A completion's selections as the choices (one configure call): the values it filled in are marked
   * so, the person's own choices stay theirs.
   */
  function applySelections(
    selections: readonly { feature: string; value?: string | null; values?: readonly string[] | null }[],
  ): void {
    replaceChoices(nextChoices(choices.value, selections, 'completion'));
  }

  function setQuantity(q: number): void {
    quantityError.value = null;
    quantity.value = q;
  }

  function reset(): void {
    inputErrors.value = {};
    choices.value = [];
  }

  /**
   * The server refused the value typed for `refused.feature` in the choices `sent`: the typed text stays on
   * screen with the refusal, and the choices go back to the one it last took for that feature (if any).
   */
  function refuseValue(sent: Choice[], refused: Choice, message: string, previous: Choice | undefined): void {
    inputErrors.value = { ...inputErrors.value, [refused.feature]: message };
    const back = sent.filter((c) => c.feature !== refused.feature);
    choices.value = previous ? [...back, previous] : back;
  }

  /** The server refused the quantity: say why, and go back to the one it last took. */
  function refuseQuantity(message: string, previous: number): void {
    quantityError.value = message;
    quantity.value = previous;
  }

  return {
    initial,
    inUrl,
    showInUrl,
    follow,
    choices,
    quantity,
    currency,
    currencyError,
    inputErrors,
    quantityError,
    choose,
    replaceChoices,
    applySelections,
    setQuantity,
    setCurrency,
    refuseCurrency,
    reset,
    refuseValue,
    refuseQuantity,
  };
}
