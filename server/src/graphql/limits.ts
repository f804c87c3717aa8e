import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type ASTVisitor,
  defaultFieldResolver,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getNamedType,
  isLeafType,
  isObjectType,
  Kind,
  type SelectionSetNode,
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
  /** The summed FIELD_COSTS of one operation, fragments expanded where they are used. */
  maxCost: 1000,
  /** The request body (express.json). */
  maxBodyBytes: 100 * 1024,
  /** Any one string, in the variables or written in the document. */
  maxStringLength: 10_000,
  /** A request still resolving after this is cut off (GRAPHQL_DEADLINE_MS; withDeadline says where). */
  deadlineMs: 15_000,
} as const;

/**
 * What a field costs, by `Type.field`: the fields that load many rows or search a model are priced by
 * what they took in the probe of issue 12 (materials: 1.2 s each; autocomplete CHEAPEST: 58 ms each, with
 * its search; configure: one propagation and pricing). Any other field that selects an object costs
 * OBJECT_FIELD_COST, a scalar SCALAR_FIELD_COST.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Query.configure': 20,
  'Query.resolveConflict': 50,
  'Query.autocomplete': 50,
  'Query.materials': 300,
  'Query.orders': 100,
  'Query.operationsBoard': 300,
  'Query.backorders': 100,
  'Query.stockMovements': 50,
  'Mutation.placeOrder': 50,
};
/** autocomplete's CHEAPEST strategy searches for the cheapest completion: several times the work. */
const CHEAPEST_AUTOCOMPLETE_COST = 200;
const OBJECT_FIELD_COST = 1;
const SCALAR_FIELD_COST = 0;

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

/** The cost of a selection set, fragments expanded (each fragment's cost computed once). */
function selectionCost(
  context: ValidationContext,
  parentTypeName: string,
  selectionSet: SelectionSetNode,
  fragmentCosts: Map<string, number>,
): number {
  const schema = context.getSchema();
  const parent = schema.getType(parentTypeName);
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += fieldCost(context, parent && isObjectType(parent) ? parent : null, selection, fragmentCosts);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const typeName = selection.typeCondition?.name.value ?? parentTypeName;
      cost += selectionCost(context, typeName, selection.selectionSet, fragmentCosts);
    } else {
      const name = selection.name.value;
      const known = fragmentCosts.get(name);
      if (known !== undefined) {
        cost += known;
        continue;
      }
      // A cycle is refused by graphql's own rule; it costs nothing here rather than looping.
      fragmentCosts.set(name, 0);
      const fragment: FragmentDefinitionNode | undefined | null = context.getFragment(name);
      const fragmentCost = fragment
        ? selectionCost(context, fragment.typeCondition.name.value, fragment.selectionSet, fragmentCosts)
        : 0;
      fragmentCosts.set(name, fragmentCost);
      cost += fragmentCost;
    }
  }
  return cost;
}

function fieldCost(
  context: ValidationContext,
  parent: GraphQLObjectType | null,
  field: FieldNode,
  fragmentCosts: Map<string, number>,
): number {
  const name = field.name.value;
  if (name === '__schema' || name === '__type') return 0; // introspection stays on, for partners
  const key = `${parent?.name}.${name}`;
  let own = FIELD_COSTS[key] ?? (field.selectionSet ? OBJECT_FIELD_COST : SCALAR_FIELD_COST);
  if (key === 'Query.autocomplete') {
    const preference = field.arguments?.find((argument) => argument.name.value === 'preference')?.value;
    // Absent, it is DEFAULTS; a variable's value is not known here: priced as the dearest.
    if (preference && (preference.kind !== Kind.ENUM || preference.value === 'CHEAPEST')) {
      own = CHEAPEST_AUTOCOMPLETE_COST;
    }
  }
  if (!field.selectionSet) return own;
  const type = parent?.getFields()[name]?.type;
  const childType = type ? getNamedType(type).name : '';
  return own + selectionCost(context, childType, field.selectionSet, fragmentCosts);
}

/** Refuses an operation whose FIELD_COSTS sum over maxCost, or a string literal over maxStringLength. */
function fieldCostRule(measured?: Measured): ValidationRule {
  return (context): ASTVisitor => ({
    OperationDefinition(operation) {
      const root =
        operation.operation === 'query'
          ? context.getSchema().getQueryType()
          : operation.operation === 'mutation'
            ? context.getSchema().getMutationType()
            : context.getSchema().getSubscriptionType();
      const cost = selectionCost(context, root?.name ?? '', operation.selectionSet, new Map());
      measured?.(LIMIT_CODES.cost, cost);
      if (cost > QUERY_LIMITS.maxCost) {
        context.reportError(
          refusal(`Query cost limit of ${QUERY_LIMITS.maxCost} exceeded, found ${cost}.`, LIMIT_CODES.cost),
        );
      }
    },
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
 * graphql-armor's depth, alias and directive rules, and the cost rule above. Armor's own cost rule prices
 * every object alike (it cannot tell materials from a name), and its token plugin throws from Apollo's
 * parsingDidStart, outside Apollo's parse error handling (a 500): graphql-js's own `maxTokens` parse option
 * counts the same tokens (parseOptions, below).
 */
/** Told each measure of an accepted operation (by its refusal's code): how limits.test.ts reads them. */
export type Measured = (code: string, n: number) => void;

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
    validationRules: [...validationRules, fieldCostRule(measured)],
    plugins: plugins as ApolloServerPlugin[],
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
