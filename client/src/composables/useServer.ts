/**
 * The GraphQL operations of the pages, through the urql client the app provides (src/urql.ts), typed by the
 * generated documents (src/graphql). An answer is the data, the server down (retry: see useRetry), or
 * errors to say in words.
 */
import type { AnyVariables, Client, CombinedError, DocumentInput, OperationResult } from '@urql/core';
import { useClientHandle } from '@urql/vue';
import type { GraphQLError } from 'graphql';
import { i18n } from '../i18n';

export type Remote<T> =
  | { kind: 'ok'; data: T }
  | { kind: 'down'; message: string }
  | { kind: 'error'; message: string; errors: readonly GraphQLError[] };

/** No answer in GraphQL: the server could not be reached or answered something else. */
export function unreachable(error: CombinedError | undefined): boolean {
  return !error || Boolean(error.networkError) || error.graphQLErrors.length === 0;
}

export function toRemote<T>(result: OperationResult<T>): Remote<T> {
  const error = result.error;
  if (error) {
    if (unreachable(error)) return { kind: 'down', message: error.networkError?.message ?? error.message };
    return {
      kind: 'error',
      message: error.graphQLErrors.map((e) => e.message).join('; '),
      errors: error.graphQLErrors,
    };
  }
  if (result.data === undefined || result.data === null)
    return { kind: 'down', message: i18n.global.t('errors.noAnswer') };
  return { kind: 'ok', data: result.data };
}

export interface QueryOptions {
  /** A server that accepts the connection but gives no answer within this time counts as down (then retried). */
  timeoutMs?: number;
}

function withTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const signals = [AbortSignal.timeout(timeoutMs), ...(init?.signal ? [init.signal] : [])];
    return fetch(input, { ...init, signal: AbortSignal.any(signals) });
  };
}

/** A query straight from the server (never a cached answer: orders and stock change). */
export async function queryThrough<T, V extends AnyVariables>(
  client: Client,
  document: DocumentInput<T, V>,
  variables: V,
  { timeoutMs }: QueryOptions = {},
): Promise<Remote<T>> {
  const context = {
    requestPolicy: 'network-only' as const,
    // urql gives each request a signal of its own (to cancel it), so the time limit joins that signal.
    ...(timeoutMs ? { fetch: withTimeout(timeoutMs) } : {}),
  };
  return toRemote(await client.query(document, variables, context).toPromise());
}

/** Call in a component's setup. */
export function useServer() {
  const { client } = useClientHandle();
  return {
    query<T, V extends AnyVariables>(
      document: DocumentInput<T, V>,
      variables: V,
      options: QueryOptions = {},
    ): Promise<Remote<T>> {
      return queryThrough(client, document, variables, options);
    },
    async mutate<T, V extends AnyVariables>(document: DocumentInput<T, V>, variables: V): Promise<Remote<T>> {
      return toRemote(await client.mutation(document, variables).toPromise());
    },
  };
}
