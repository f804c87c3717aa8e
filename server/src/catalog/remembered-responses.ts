import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type FormattedExecutionResult, Kind, type OperationDefinitionNode } from 'graphql';
import { LRUCache } from 'lru-cache';
import { CACHE_LIMITS } from '../engine/index.js';
import { mayCall, type Viewer } from '../graphql/authorization.js';
import type { ModelCache } from './model-cache.js';

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

/**
 * A request whose key (its variables) is longer than this is answered but not remembered: an entry weighs
 * its key too, and real requests' variables are a few hundred characters.
 */
export const MAX_REMEMBERED_KEY_LENGTH = 16 * 1024;

/**
 * A remembered answer's stand-in for its data: Apollo carries it from responseForOperation to
 * stringifyResult, which sends its text as it is. Only the text is kept (not the answer's tree: on a load
 * of distinct requests every kept tree was copied and promoted by the garbage collector).
 */
export class RememberedAnswer {
  constructor(
    /** The whole answer's JSON text, as first sent. */
    readonly text: string,
  ) {}

  /** Serialised by anything other than RememberedResponses.stringify: the data it stands for. */
  toJSON(): unknown {
    return (JSON.parse(this.text) as FormattedExecutionResult).data;
  }
}

/** The JSON text Apollo sends for a result (its fields in Apollo's order: errors, data, extensions). */
function textOf(result: FormattedExecutionResult): string {
  return `${JSON.stringify({ errors: result.errors, data: result.data, extensions: result.extensions })}\n`;
}

/**
 * Whole answers to pure queries, remembered for as long as the catalogue trusts which versions are in
 * force (ModelCache.latestTtlMs), and forgotten at once when this process publishes a version or hears
 * that another did (keys carry the cache's generation). The same
 * request comes back again and again (every visitor's first page is the default build; a partner
 * re-prices the same builds), and its answer is the same: it is not executed again.
 */
export class RememberedResponses {
  /** Which versions are in force is trusted for ModelCache.latestTtlMs: so is an answer built on it. */
  private readonly entries: LRUCache<string, RememberedAnswer>;
  /** The JSON text of an answer just remembered, by its data, for stringify to send it without a second pass. */
  private readonly texts = new WeakMap<object, string>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly cache: ModelCache,
    /** A fixed time-to-live (tests); unset: the cache's latestTtlMs when each answer is remembered. */
    private readonly ttlMs?: number,
    now: () => number = Date.now,
    maxBytes: number = CACHE_LIMITS.rememberedResponses.maxBytes,
  ) {
    this.entries = new LRUCache({
      maxSize: maxBytes,
      sizeCalculation: (entry, key) => entry.text.length + key.length,
      // The clock is read on every look-up (a remembered reading could outlive the TTL).
      ttlResolution: 0,
      perf: { now },
    });
  }

  /**
   * The key of a request whose operation only reads pure fields; null when it must be executed.
   * `audience` names what else the answer depends on (audienceOf: who asks, and the day).
   */
  keyOf(
    operation: OperationDefinitionNode | undefined,
    queryHash: string | undefined,
    variables: Record<string, unknown> | undefined,
    audience = '',
  ): string | null {
    if (operation?.operation !== 'query' || !queryHash) return null;
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD || !PURE_QUERY_FIELDS.has(selection.name.value)) return null;
    }
    const operationName = operation.name?.value ?? '';
    return `${this.cache.generation}|${audience}|${queryHash}|${operationName}|${JSON.stringify(variables ?? null)}`;
  }

  /** The remembered answer's JSON text, as first sent. */
  get(key: string): string | undefined {
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      return found.text;
    }
    this.misses++;
    return undefined;
  }

  /** The result Apollo is handed for a remembered answer: stringify turns it back into its text. */
  resultOf(text: string): FormattedExecutionResult {
    return { data: new RememberedAnswer(text) as unknown as Record<string, unknown> };
  }

  /**
   * Remembers an answer without errors (a bad input is cheap to refuse, and its message may change), unless
   * its key is over MAX_REMEMBERED_KEY_LENGTH.
   */
  remember(key: string, result: FormattedExecutionResult): void {
    if (result.errors?.length || !result.data || key.length > MAX_REMEMBERED_KEY_LENGTH) return;
    if (result.data instanceof RememberedAnswer) return;
    // Made now rather than when first sent: it is sent just after, and its length is the entry's size.
    const text = textOf(result);
    this.entries.set(key, new RememberedAnswer(text), { ttl: this.ttlMs ?? this.cache.latestTtlMs });
    this.texts.set(result.data, text);
  }

  /**
   * Apollo's `stringifyResult`: a remembered answer is sent as its text, and one just remembered is turned
   * into JSON once, not twice (for a full configurator page, that is most of what an answer costs to send).
   */
  stringify(result: FormattedExecutionResult): string {
    const { data } = result;
    if (data instanceof RememberedAnswer && !result.errors && !result.extensions) return data.text;
    const text = data && !result.errors && !result.extensions ? this.texts.get(data) : undefined;
    return text ?? textOf(result);
  }

  get size(): number {
    return this.entries.size;
  }
}

function rootFieldsOf(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD && selection.name.value !== '__typename' ? [selection.name.value] : [],
  );
}

/**
 * What a pure query's answer depends on besides its arguments and the versions in force: the day (price
 * lists are in effect from one day to another), the customer account priced for (its contacts and keys
 * buy by its price list), and the roles or scopes (staff see a configuration's cost, others are refused
 * it). Callers alike in all three get the same answer.
 */
export function audienceOf(viewer: Viewer, today: string): string {
  switch (viewer.kind) {
    case 'user':
      return `${today}|user:${[...viewer.roles].sort().join(',')}|${viewer.accountId ?? '-'}`;
    case 'apiKey':
      return `${today}|key:${[...viewer.scopes].sort().join(',')}|${viewer.accountId ?? '-'}`;
    default:
      return `${today}|guest`;
  }
}

/** Answers a pure query from RememberedResponses when it can, and remembers what it executes. */
export function rememberedResponsesPlugin(responses: RememberedResponses): ApolloServerPlugin {
  return {
    async requestDidStart() {
      let missed: string | null = null;
      return {
        async responseForOperation({ operation, queryHash, request, contextValue }) {
          const { viewer, clock } = contextValue as { viewer: Viewer; clock: { today(): string } };
          const key = responses.keyOf(
            operation,
            queryHash,
            request.variables,
            audienceOf(viewer, clock.today()),
          );
          if (key === null) return null;
          // The same answer for everyone alike who may ask: a caller who may not is refused by executing
          // (and a refusal is never remembered).
          if (!rootFieldsOf(operation!).every((field) => mayCall(viewer, field))) return null;
          const text = responses.get(key);
          if (text === undefined) {
            missed = key;
            return null;
          }
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: responses.resultOf(text) },
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
