import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

/**
 * What a field costs on top of what it returns, by `Type.field`: the fields that load many rows or search a
 * model are priced by what they took in the probe of issue 12 (materials: 1.2 s each; autocomplete
 * CHEAPEST: 58 ms each, with its search; configure: one propagation and pricing). An object field without
 * one costs OBJECT_FIELD_COST, a scalar SCALAR_FIELD_COST.
 */
export const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Query.configure': 400,
  // Evaluates the earlier choices too: one more configure.
  'Configuration.changesSince': 400,
  'Query.resolveConflict': 1000,
  'Query.autocomplete': 1000,
  'Query.materials': 7000,
  // The orders and the board are priced mostly by what they list (LIST_SIZES): here, their queries.
  'Query.orders': 200,
  'Query.operationsBoard': 500,
  'Query.backorders': 2000,
  'Query.stockMovements': 1000,
  'Mutation.placeOrder': 1000,
  // Quotes: configuring and pricing a line, placing the order of an accepted quote, a line's live promise
  // (a configure and the stock and capacity reads of an estimate), a list with its pipeline.
  'Mutation.addQuoteLine': 400,
  'Mutation.updateQuoteLine': 400,
  'Mutation.acceptQuote': 1000,
  'Mutation.acceptQuoteOnBehalf': 1000,
  'QuoteLine.promise': 100,
  'Query.quotes': 200,
};
/** autocomplete's CHEAPEST strategy searches for the cheapest completion: several times the work. */
export const CHEAPEST_AUTOCOMPLETE_COST = 5000;
const OBJECT_FIELD_COST = 1;
const SCALAR_FIELD_COST = 0;

/** The page a paged field (`first`) lists when `first` is not given, by `Type.field`; its `edges` are that many. */
export const PAGE_SIZES: Readonly<Record<string, number>> = {
  // OrderService's DEFAULT_PAGE_SIZE (1 to 100).
  'Query.orders': 20,
  // QuoteReads' DEFAULT_QUOTE_PAGE_SIZE (1 to 100).
  'Query.quotes': 20,
  // The event feed's DEFAULT_EVENT_PAGE_SIZE (1 to 100).
  'Query.events': 50,
  // WebhookService's delivery log page (1 to 100).
  'WebhookEndpoint.deliveries': 20,
};

/**
 * How many items a list of objects is priced for, by `Type.field`: each item costs OBJECT_FIELD_COST and what
 * is asked of it, times this. The typical size where the list has no argument (the demo plant and models,
 * a few lines per order), the list's own cap where it has one; the edges of a page are its `first`
 * (PAGE_SIZES). Every list of objects of the schema is here (limits.test.ts checks it).
 */
export const LIST_SIZES: Readonly<Record<string, number | 'page'>> = {
  'Query.products': 10,
  'Query.backorders': 20,
  'Query.stockMovements': 50, // at most 50
  'OrderConnection.edges': 'page',
  'OrderConnection.nodes': 'page',
  'EventConnection.nodes': 'page',
  'Product.groups': 5,
  'Product.defaultSelections': 15,
  'Configuration.violations': 2,
  'Configuration.features': 15,
  'Configuration.selections': 15,
  'Configuration.choices': 15,
  'Configuration.promiseEffects': 15,
  'ConfigurationConflict.reasons': 2,
  'ConfigurationConflict.choices': 2,
  'FeatureState.options': 5,
  'OptionState.reasons': 1,
  'OptionState.blockingChoices': 1,
  'Price.lines': 8,
  'ConflictResolution.changes': 2,
  'ConflictResolution.selections': 15,
  'ConfigurationChanges.values': 4,
  'ConfigurationChanges.otherPriceLines': 1,
  'Completion.selections': 15,
  'SavedConfiguration.choices': 15,
  'ConfigurationRejected.violations': 2,
  'OperationsBoard.columns': 10, // one per OrderStatus
  'BoardColumn.orders': 5, // typical; at most 50 (BOARD_COLUMN_SIZE)
  'Order.lines': 5,
  'OrderLine.selections': 15,
  'OrderLine.bom': 40,
  'OrderLine.operations': 8,
  'OrderFulfilment.events': 10,
  'OrderFulfilment.workOrders': 8,
  'OrderFulfilment.requisitions': 5,
  'OrderFulfilment.reservations': 30,
  'OrderFulfilment.checklist': 5,
  'OrderFulfilment.qualityChecks': 1,
  'QualityCheckView.items': 5,
  'Materials.parts': 100,
  'Query.users': 50, // at most 200 (a search narrows it)
  'Query.customerAccounts': 50, // at most 200
  'Query.apiKeys': 20,
  'Query.accessAudit': 50, // `first`, at most 200
  'Query.mySavedConfigurations': 20, // at most 50
  'CustomerAccount.addresses': 3, // at most 20
  'CustomerAccount.contacts': 3,
  'Materials.openRequisitions': 20,
  'Materials.backorders': 20,
  'QuoteConnection.edges': 'page',
  'QuoteConnection.pipeline': 12, // a status and currency each
  'Query.approvalQueue': 10,
  'Query.myQuotes': 10,
  'Query.approvalRules': 10, // at most 50
  'Mutation.setApprovalRules': 10, // at most 50
  'Quote.lines': 5, // at most 100
  'Quote.events': 10,
  'Quote.approvals': 2,
  'Quote.changes': 3,
  'Quote.revisions': 2,
  'QuoteLine.selections': 15,
  'QuoteLine.options': 15,
  'QuoteApprovalCheck.triggers': 2,
  'QuoteApprovalCheck.unchecked': 2,
  'CustomerQuoteView.changesSinceLink': 3,
  'Query.priceLists': 10, // a default per currency and a few contracts
  'Query.shippingCountries': 20, // the countries we ship to (20 in the demo data)
  'ShippingCountry.regions': 5, // none for most countries; the US and Canada list their states and provinces
  'Query.paymentTermsOptions': 2,
  'CheckoutSummary.charges': 3, // shipping and one or two tax lines
  'Order.charges': 3,
  'OrderLine.options': 15, // one per feature in force
  'OrderFulfilment.pickList': 30, // one per purchased part
  'Query.webhookEndpoints': 10, // a partner registers a few
  'WebhookDeliveryConnection.nodes': 'page',
  'WebhookDelivery.attempts': 3, // most succeed at once; a retried one has more
};
/** A list of objects missing from LIST_SIZES (a test fails first): priced as this many. */
const UNKNOWN_LIST_SIZE = 10;

/** What pricing one operation needs: the schema, its fragments, the request's variables. */
interface Pricing {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  operation: OperationDefinitionNode;
  /** The request's variables; undefined when they are not known (measuring a document): priced dearest. */
  variables: Record<string, unknown> | undefined;
  /** Each fragment's cost where it is spread, by name and the page around it. */
  fragmentCosts: Map<string, number>;
  /** The variables the cost was read from (a page's `first`, autocomplete's `preference`). */
  reads: Set<string>;
}

/**
 * What one operation of `document` costs: every field's FIELD_COSTS (or OBJECT_FIELD_COST), a list's items
 * times its size (LIST_SIZES; a page's `first` from the document or the variables), fragments expanded
 * where they are spread. Introspection costs nothing (partners build their clients from it).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
  variables?: Record<string, unknown>,
): number {
  return pricedOperation(schema, document, operationName, variables).cost;
}

function pricedOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): { cost: number; reads: Set<string> } {
  const reads = new Set<string>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName
    ? operations.find((candidate) => candidate.name?.value === operationName)
    : operations[0];
  if (!operation) return { cost: 0, reads };
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const pricing: Pricing = { schema, fragments, operation, variables, fragmentCosts: new Map(), reads };
  return { cost: selectionCost(pricing, root?.name ?? '', operation.selectionSet, undefined), reads };
}

/** Costs remembered per operation: at most this many sets of the variables they read (pages of 1 to 100). */
const COSTS_PER_OPERATION = 128;
/** A key longer than this (a page size is a number) is priced every time rather than remembered. */
const MAX_VALUES_KEY_LENGTH = 256;

/**
 * operationCost remembered per parsed document (Apollo parses a query text once and hands every request
 * the same document) and operation, by the values of the few variables the cost read: walking a
 * configurator page's operation (fragments, hundreds of fields) again on every request cost as much as
 * a small query. Any other variable (a configuration's choices) leaves the cost as it is.
 */
export class OperationCosts {
  private readonly byDocument = new WeakMap<
    DocumentNode,
    Map<string, { reads: string[]; costs: Map<string, number> }>
  >();

  constructor(private readonly schema: GraphQLSchema) {}

  cost(
    document: DocumentNode,
    operationName: string | null | undefined,
    variables: Record<string, unknown>,
  ): number {
    let operations = this.byDocument.get(document);
    if (!operations) {
      operations = new Map();
      this.byDocument.set(document, operations);
    }
    const known = operations.get(operationName ?? '');
    const key = known ? valuesKey(known.reads, variables) : null;
    const remembered = key === null ? undefined : known?.costs.get(key);
    if (remembered !== undefined) return remembered;
    const priced = pricedOperation(this.schema, document, operationName, variables);
    const reads = [...priced.reads];
    const entry = known ?? { reads, costs: new Map<string, number>() };
    // The same operation reads the same variables whatever their values (a literal or a variable decides).
    if (!known) operations.set(operationName ?? '', entry);
    const pricedKey = valuesKey(entry.reads, variables);
    if (entry.costs.size < COSTS_PER_OPERATION && pricedKey.length <= MAX_VALUES_KEY_LENGTH)
      entry.costs.set(pricedKey, priced.cost);
    return priced.cost;
  }
}

function valuesKey(reads: readonly string[], variables: Record<string, unknown>): string {
  if (reads.length === 0) return '';
  return JSON.stringify(reads.map((name) => (name in variables ? [variables[name]] : [])));
}

/** The cost of a selection set on `typeName`; `page`: the `first` of the paged field it belongs to. */
function selectionCost(
  pricing: Pricing,
  typeName: string,
  selectionSet: SelectionSetNode,
  page: number | undefined,
): number {
  const type = pricing.schema.getType(typeName);
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      cost += fieldCost(pricing, type && isObjectType(type) ? type : null, selection, page);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value ?? typeName;
      cost += selectionCost(pricing, condition, selection.selectionSet, page);
    } else {
      const key = `${selection.name.value}@${page ?? ''}`;
      const known = pricing.fragmentCosts.get(key);
      if (known !== undefined) {
        cost += known;
        continue;
      }
      // A cycle is refused by graphql's own rule; it costs nothing here rather than looping.
      pricing.fragmentCosts.set(key, 0);
      const fragment = pricing.fragments.get(selection.name.value);
      const fragmentCost = fragment
        ? selectionCost(pricing, fragment.typeCondition.name.value, fragment.selectionSet, page)
        : 0;
      pricing.fragmentCosts.set(key, fragmentCost);
      cost += fragmentCost;
    }
  }
  return cost;
}

function fieldCost(
  pricing: Pricing,
  parent: GraphQLObjectType | null,
  field: FieldNode,
  page: number | undefined,
): number {
  const name = field.name.value;
  if (name === '__schema' || name === '__type') return 0;
  const key = `${parent?.name}.${name}`;
  const definition = parent?.getFields()[name];
  const extra = key === 'Query.autocomplete' ? autocompleteCost(pricing, field) : FIELD_COSTS[key];
  if (!field.selectionSet || !definition || isLeafType(getNamedType(definition.type))) {
    return extra ?? SCALAR_FIELD_COST;
  }
  const childType = getNamedType(definition.type).name;
  const ownPage = key in PAGE_SIZES ? pageSize(pricing, field, definition, PAGE_SIZES[key]!) : undefined;
  const children = selectionCost(pricing, childType, field.selectionSet, ownPage);
  if (!isListType(getNullableType(definition.type))) return (extra ?? OBJECT_FIELD_COST) + children;
  const size = LIST_SIZES[key] ?? UNKNOWN_LIST_SIZE;
  const items = size === 'page' ? (page ?? UNKNOWN_LIST_SIZE) : size;
  return (extra ?? 0) + items * (OBJECT_FIELD_COST + children);
}

/** autocomplete by its preference: absent, DEFAULTS; CHEAPEST, or a variable not known, the dearer search. */
function autocompleteCost(pricing: Pricing, field: FieldNode): number {
  const value = argumentValue(pricing, field, 'preference');
  return value === undefined || value === null || value === 'DEFAULTS'
    ? FIELD_COSTS['Query.autocomplete']!
    : CHEAPEST_AUTOCOMPLETE_COST;
}

/** The largest page any paged field serves (orders: 1 to 100). */
const LARGEST_PAGE = 100;

/** How many a paged field lists: its `first` (written, or the variable's value or default), else `fallback`. */
function pageSize(
  pricing: Pricing,
  field: FieldNode,
  definition: GraphQLField<unknown, unknown>,
  fallback: number,
): number {
  const value = argumentValue(pricing, field, 'first');
  // A larger page is refused by the field's own check, which names `first`: priced at the largest it serves.
  if (typeof value === 'number' && Number.isFinite(value))
    return Math.min(LARGEST_PAGE, Math.max(0, Math.trunc(value)));
  const declared = definition.args.find((argument) => argument.name === 'first')?.defaultValue;
  return typeof declared === 'number' ? declared : fallback;
}

/**
 * An argument's value as far as it is known before execution: a literal, a variable's value, or its
 * declared default ('UNKNOWN' for what cannot be read here: an object, a list).
 */
function argumentValue(pricing: Pricing, field: FieldNode, name: string): unknown {
  const node = field.arguments?.find((argument) => argument.name.value === name)?.value;
  if (!node) return undefined;
  if (node.kind !== Kind.VARIABLE) return literalValue(node);
  const variable = node.name.value;
  pricing.reads.add(variable);
  if (pricing.variables && variable in pricing.variables) return pricing.variables[variable];
  const declared = pricing.operation.variableDefinitions?.find((d) => d.variable.name.value === variable);
  // Measuring a document (no variables known): an enum variable is priced as its dearest value.
  if (!pricing.variables && name === 'preference') return 'UNKNOWN';
  return declared?.defaultValue ? literalValue(declared.defaultValue) : undefined;
}

function literalValue(node: ValueNode): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.ENUM || node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.NULL) return null;
  return 'UNKNOWN';
}
