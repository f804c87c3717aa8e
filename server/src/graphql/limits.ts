import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTVisitor,
  defaultFieldResolver,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  isLeafType,
  isObjectType,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import {
  DEADLINE_CODE,
  DeadlineExceeded,
  isPast,
  type RequestDeadline,
  requestDeadline,
} from '../request-deadline.js';
import { OperationCosts } from './cost.js';

/**
 * What one GraphQL request may ask for. The client's own operations (schema/operations) stay well under
 * each (limits.test.ts measures them); what goes over is refused before any resolver runs.
 */
export const QUERY_LIMITS = {
  /** Nested fields (a fragment is not a level of its own). */
  maxDepth: 16,
  /** Aliased fields in one document. */
  maxAliases: 15,
  /** Directives (`@include`, `@skip`...) in one document. */
  maxDirectives: 10,
  /** Lexical tokens of the document (graphql-js stops parsing past it). */
  maxTokens: 1500,
  /** The cost of one operation (graphql/cost.ts): FIELD_COSTS, objects, list items times their sizes. */
  maxCost: 25_000,
  /** The request body (express.json). */
  maxBodyBytes: 100 * 1024,
  /** Any one string, in the variables or written in the document. */
  maxStringLength: 10_000,
  /** A request still resolving after this is cut off (GRAPHQL_DEADLINE_MS; withDeadline says where). */
  deadlineMs: 15_000,
} as const;

/** The codes of the refusals, in `extensions.code` (listed in the README). */
export const LIMIT_CODES = {
  depth: 'MAX_DEPTH_EXCEEDED',
  aliases: 'MAX_ALIASES_EXCEEDED',
  directives: 'MAX_DIRECTIVES_EXCEEDED',
  tokens: 'MAX_TOKENS_EXCEEDED',
  cost: 'COST_LIMIT_EXCEEDED',
  stringLength: 'INPUT_TOO_LONG',
  bodySize: 'PAYLOAD_TOO_LARGE',
  deadline: DEADLINE_CODE,
  badRequest: 'BAD_REQUEST',
} as const;
export const LIMIT_ERROR_CODES: ReadonlySet<string> = new Set(Object.values(LIMIT_CODES));

/**
 * Apollo turns every validation error into GRAPHQL_VALIDATION_FAILED: a refusal carries its own code in
 * `extensions.limit`, and formatLimitError makes it the error's code.
 */
function refusal(message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { limit: code, code } });
}

function reportTo(code: string) {
  return (context: ValidationContext | null, error: GraphQLError): void => {
    context?.reportError(refusal(error.message.replace(/^Syntax Error: /, ''), code));
  };
}

/** Refuses a string literal over maxStringLength. */
function stringLengthRule(): ValidationRule {
  return (context): ASTVisitor => ({
    StringValue(node) {
      if (node.value.length > QUERY_LIMITS.maxStringLength) {
        context.reportError(
          refusal(
            `A string in the document has ${node.value.length} characters; at most ${QUERY_LIMITS.maxStringLength} are accepted.`,
            LIMIT_CODES.stringLength,
          ),
        );
      }
    },
  });
}

/**
 * The cost of the operation (graphql/cost.ts) once its variables are known (a page's `first` can be one),
 * so after validation: over maxCost, a 400 COST_LIMIT_EXCEEDED before any resolver runs.
 */
function costLimit(measured?: Measured): ApolloServerPlugin {
  // Remembered per parsed document (cost.ts): one per schema, made on its first request.
  const costs = new WeakMap<GraphQLSchema, OperationCosts>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request }) {
          let known = costs.get(schema);
          if (!known) {
            known = new OperationCosts(schema);
            costs.set(schema, known);
          }
          const cost = known.cost(document, operationName, request.variables ?? {});
          measured?.(LIMIT_CODES.cost, cost);
          if (cost > QUERY_LIMITS.maxCost) throw costRefusal(cost);
        },
      };
    },
  };
}

export function costRefusal(cost: number): GraphQLError {
  return new GraphQLError(
    `Query cost limit of ${QUERY_LIMITS.maxCost} exceeded, found ${cost}: ask for fewer items (a smaller \`first\`) or fewer nested lists.`,
    { extensions: { limit: LIMIT_CODES.cost, code: LIMIT_CODES.cost, http: { status: 400 } } },
  );
}

/** Told each measure of an accepted operation (by its refusal's code): how limits.test.ts reads them. */
export type Measured = (code: string, n: number) => void;

/**
 * graphql-armor's depth, alias and directive rules, the string rule and the cost plugin above. Armor's own
 * cost rule prices every object alike (it cannot tell materials from a name, nor multiply by a page), and its
 * token plugin throws from Apollo's parsingDidStart, outside Apollo's parse error handling (a 500):
 * graphql-js's own `maxTokens` parse option counts the same tokens (parseOptions, below).
 */
export function graphqlLimits(measured?: Measured): {
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  parseOptions: { maxTokens: number };
} {
  const reject = (code: string) => ({
    propagateOnRejection: false,
    onReject: [reportTo(code)],
    onAccept: measured ? [(_: unknown, { n }: { n: number }) => measured(code, n)] : [],
  });
  const armor = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, flattenFragments: true, ...reject(LIMIT_CODES.depth) },
    // `__typename` aliases count too (armor lets them through by default: a thousand of them are not free).
    maxAliases: { n: QUERY_LIMITS.maxAliases, allowList: [], ...reject(LIMIT_CODES.aliases) },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, ...reject(LIMIT_CODES.directives) },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    // Field suggestions stay as they are: the schema is public (introspection is on).
    blockFieldSuggestion: { enabled: false },
  });
  const { validationRules, plugins } = armor.protect();
  return {
    validationRules: [...validationRules, stringLengthRule()],
    plugins: [...(plugins as ApolloServerPlugin[]), costLimit(measured)],
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
  };
}

/** Error messages quote the input (a bad variable's value, an unexpected token): only this much of it. */
const MAX_MESSAGE_LENGTH = 300;

/**
 * A refusal's own code (from `extensions.limit`, or graphql-js's token limit), and any client error's
 * message cut to a short prefix; null for an error that is none of these.
 */
export function formatLimitError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message =
    formatted.message.length > MAX_MESSAGE_LENGTH
      ? `${formatted.message.slice(0, MAX_MESSAGE_LENGTH)}… (cut)`
      : formatted.message;
  const limit = formatted.extensions?.limit;
  if (typeof limit === 'string')
    return { message, locations: formatted.locations, path: formatted.path, extensions: { code: limit } };
  if (/^Syntax Error: Document contains more tha[nt] \d+ tokens/.test(message)) {
    // graphql-js's own wording ("more that"): said again, with the limit.
    return {
      message: `The document has more than ${QUERY_LIMITS.maxTokens} tokens: refused. Ask for less in one request.`,
      extensions: { code: LIMIT_CODES.tokens },
    };
  }
  return message === formatted.message ? formatted : { ...formatted, message };
}

/** Each request's deadline, by its context (one per request); made or taken from the HTTP request by its first root field. */
const deadlines = new WeakMap<object, RequestDeadline>();

function deadlineOf(context: object, deadlineMs: number, info: GraphQLResolveInfo): RequestDeadline {
  let deadline = deadlines.get(context);
  if (deadline === undefined) {
    // The HTTP request's own (request-deadline.ts), so that services' loops see it too; else one of its own.
    deadline = requestDeadline() ?? { at: undefined, ms: deadlineMs, cuttable: false };
    deadline.ms = deadlineMs;
    deadline.at = Date.now() + deadlineMs;
    deadline.cuttable = info.operation.operation === 'query';
    deadlines.set(context, deadline);
  }
  return deadline;
}

/**
 * Cuts a request off once it has run its deadline (QUERY_LIMITS.deadlineMs unless told, GRAPHQL_DEADLINE_MS):
 * - each root field checks it before it starts, and when there are several it first lets the event loop
 *   turn, so that one field's synchronous work (an engine search) is followed by the check rather than by
 *   the next field; a mutation is checked only there, never while its transaction runs;
 * - inside a query, every field that resolves to an object or a list checks it too (one clock read, no
 *   await), as do the services' long loops and the DataLoader batches (checkDeadline): a single slow root
 *   field (an orders page with everything nested) ends with REQUEST_TIMEOUT errors rather than running on.
 */
export function withDeadline(
  schema: GraphQLSchema,
  deadlineMs: number = QUERY_LIMITS.deadlineMs,
): GraphQLSchema {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  for (const root of roots) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = async (source, args, context: object, info) => {
        // A subscription's context lives as long as it does: each event it answers has a deadline of its own.
        if (info.operation.operation === 'subscription') deadlines.delete(context);
        const deadline = deadlineOf(context, deadlineMs, info);
        if (info.operation.selectionSet.selections.length > 1) await new Promise(setImmediate);
        if (deadline.at !== undefined && Date.now() > deadline.at) {
          throw refusal(
            `The request ran over its ${deadlineMs / 1000} s deadline: ${info.path.key} was not run. Ask for less in one request.`,
            LIMIT_CODES.deadline,
          );
        }
        return resolve(source, args, context, info);
      };
    }
  }
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || roots.includes(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (isLeafType(getNamedType(field.type))) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: object, info) => {
        const deadline = deadlines.get(context);
        if (isPast(deadline)) throw new DeadlineExceeded(deadline.ms, `${type.name}.${field.name}`);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
