/**
 * A tiny GraphQL client: POST /graphql with a JSON body (Apollo's CSRF prevention accepts it without a
 * preflight header, docs/stack.md, trap 4). Resolves to `data`; rejects with a GraphQLRequestError when the
 * server cannot be reached, answers something that is not GraphQL, or reports errors.
 */

export const GRAPHQL_ENDPOINT = '/graphql';
const REQUEST_TIMEOUT_MS = 5000;

export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    /** The HTTP status (0 when the server did not answer). */
    readonly status: number,
    /** The errors the server reported, if it answered in GraphQL. */
    readonly errors: GraphQLErrorEntry[] = [],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

export interface GraphQLRequestOptions {
  fetchFn?: typeof fetch;
  timeoutMs?: number;
}

export async function graphqlRequest<TData>(
  query: string,
  variables?: Record<string, unknown>,
  { fetchFn = fetch, timeoutMs = REQUEST_TIMEOUT_MS }: GraphQLRequestOptions = {},
): Promise<TData> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let response: Response;
  let body: unknown;
  try {
    response = await fetchFn(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(variables === undefined ? { query } : { query, variables }),
      signal: controller.signal,
    });
    body = await response.json();
  } catch (error) {
    throw new GraphQLRequestError(
      `the server did not answer: ${error instanceof Error ? error.message : String(error)}`,
      0,
    );
  } finally {
    clearTimeout(timer);
  }
  const result = (typeof body === 'object' && body !== null ? body : {}) as {
    data?: TData | null;
    errors?: GraphQLErrorEntry[];
  };
  if (Array.isArray(result.errors) && result.errors.length > 0) {
    throw new GraphQLRequestError(
      result.errors.map((e) => e.message).join('; '),
      response.status,
      result.errors,
    );
  }
  if (!response.ok || result.data === undefined || result.data === null) {
    throw new GraphQLRequestError(
      `unexpected answer from the server (HTTP ${response.status})`,
      response.status,
    );
  }
  return result.data;
}
