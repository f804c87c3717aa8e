import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type FormattedExecutionResult, Kind, type OperationDefinitionNode } from 'graphql';
import { LATEST_VERSION_TTL_MS, LruCache, type ModelCache } from '../catalog/model-cache.js';

/**
 * Root fields whose answer depends only on their arguments and on the product versions in force:
 * `configure`, `resolveConflict`, `autocomplete` (and the catalogue) read immutable model versions and write nothing. Orders, saved
 * configurations and mutations are never remembered.
 */
export const PURE_QUERY_FIELDS: ReadonlySet<string> = new Set([
  'configure',
  'resolveConflict',
  'autocomplete',
  'product',
  'products',
  '__typename',
]);

/** Full-page configure answers are tens of kilobytes: this bounds the memory to a few tens of MB. */
export const REMEMBERED_RESPONSES = 1000;

interface RememberedResponse {
  result: FormattedExecutionResult;
  /** Which versions are in force is trusted for LATEST_VERSION_TTL_MS: so is an answer built on it. */
  until: number;
}

/**
 * Whole answers to pure queries, remembered for as long as the catalogue trusts which versions are in
 * force (LATEST_VERSION_TTL_MS), and forgotten at once when this process publishes a version. The same
 * request comes back again and again (every visitor's first page is the default build; a partner
 * re-prices the same builds), and its answer is the same: it is not executed again.
 */
export class RememberedResponses {
  private readonly entries = new LruCache<string, RememberedResponse>(REMEMBERED_RESPONSES);
  /** The JSON text of each remembered answer's data, made the first time it is sent. */
  private readonly texts = new WeakMap<object, string | null>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly cache: ModelCache,
    private readonly ttlMs = LATEST_VERSION_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The key of a request whose operation only reads pure fields; null when it must be executed. */
  keyOf(
    operation: OperationDefinitionNode | undefined,
    queryHash: string | undefined,
    variables: Record<string, unknown> | undefined,
  ): string | null {
    if (operation?.operation !== 'query' || !queryHash) return null;
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || !PURE_QUERY_FIELDS.has(selection.name.value)) return null;
    }
    const operationName = operation.name?.value ?? '';
    return `${this.cache.generation}|${queryHash}|${operationName}|${JSON.stringify(variables ?? null)}`;
  }

  get(key: string): FormattedExecutionResult | undefined {
    const found = this.entries.get(key);
    if (found && found.until > this.now()) {
      this.hits++;
      return found.result;
    }
    this.misses++;
    return undefined;
  }

  /** Remembers an answer without errors (a bad input is cheap to refuse, and its message may change). */
  remember(key: string, result: FormattedExecutionResult): void {
    if (result.errors?.length) return;
    this.entries.set(key, { result, until: this.now() + this.ttlMs });
    if (result.data) this.texts.set(result.data, null);
  }

  /**
   * Apollo's `stringifyResult`: a remembered answer is turned into JSON once, not on every request
   * (for a full configurator page, that is most of what a remembered answer still costs).
   */
  stringify(result: FormattedExecutionResult): string {
    const { data } = result;
    if (!data || result.errors || result.extensions || !this.texts.has(data))
      return `${JSON.stringify(result)}\n`;
    let text = this.texts.get(data);
    if (!text) {
      text = `${JSON.stringify(result)}\n`;
      this.texts.set(data, text);
    }
    return text;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Answers a pure query from RememberedResponses when it can, and remembers what it executes. */
export function rememberedResponsesPlugin(responses: RememberedResponses): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let missed: string | null = null;
      return {
        async responseForOperation({ operation, queryHash, request }) {
          const key = responses.keyOf(operation, queryHash, request.variables);
          if (key === null) return null;
          const result = responses.get(key);
          if (!result) {
            missed = key;
            return null;
          }
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: result },
          };
        },
        async willSendResponse({ response }) {
          if (missed !== null && response.body.kind === 'single')
            responses.remember(missed, response.body.singleResult);
        },
      };
    },
  };
}
