/**
 * Questions about the choices on screen that change nothing by themselves: the minimal switch to take an
 * excluded option (resolveConflict) and a valid complete configuration that keeps them (autocomplete).
 * Asked straight from the server each time; the page applies an answer only when the person accepts it.
 */
import type { CombinedError } from '@urql/core';
import { useClientHandle } from '@urql/vue';
import type { ConfigurationInput } from '../../graphql/graphql';
import {
  AutocompleteDocument,
  type AutocompleteQuery,
  type CompletionPreference,
  ResolveConflictDocument,
  type ResolveConflictQuery,
} from '../../graphql/graphql';
import { i18n } from '../../i18n';
import { unreachable } from '../useServer';

export type ConflictResolution = ResolveConflictQuery['resolveConflict'];
export type Completion = AutocompleteQuery['autocomplete'];
/** An answer to a question about the choices, or why there is none. */
export type Answer<T> = { ok: true; value: T } | { ok: false; message: string };

function failure(error: CombinedError | undefined): string {
  if (!error || unreachable(error)) return i18n.global.t('configurator.questionUnreachable');
  return error.graphQLErrors[0]?.message ?? error.message;
}

/** `input()`: the configuration on screen, as `configure` takes it. */
export function useChoiceQuestions(input: () => ConfigurationInput) {
  const { client } = useClientHandle();

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

  return { resolveConflict, autocomplete };
}
