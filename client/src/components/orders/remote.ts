import type { AnyVariables, DocumentInput, OperationResult } from '@urql/core';
import { urqlClient } from '../../urql';

/** What a page shows for an answer: the data, the server down (retry), or an error to say in words. */
export type Remote<T> =
  | { kind: 'ok'; data: T }
  | { kind: 'down'; message: string }
  | { kind: 'error'; message: string };

export function toRemote<T>(result: OperationResult<T>): Remote<T> {
  if (result.error) {
    if (result.error.networkError || result.error.graphQLErrors.length === 0) {
      return { kind: 'down', message: result.error.networkError?.message ?? result.error.message };
    }
    return { kind: 'error', message: result.error.graphQLErrors.map((e) => e.message).join('; ') };
  }
  if (result.data === undefined || result.data === null) return { kind: 'down', message: 'no answer' };
  return { kind: 'ok', data: result.data };
}

/** A query straight from the server (never a cached answer: an order's status changes). */
export async function fetchQuery<T, V extends AnyVariables>(
  document: DocumentInput<T, V>,
  variables: V,
): Promise<Remote<T>> {
  return toRemote(await urqlClient.query(document, variables, { requestPolicy: 'network-only' }).toPromise());
}

export async function runMutation<T, V extends AnyVariables>(
  document: DocumentInput<T, V>,
  variables: V,
): Promise<Remote<T>> {
  return toRemote(await urqlClient.mutation(document, variables).toPromise());
}

export const RETRY_DELAY_MS = 3000;
