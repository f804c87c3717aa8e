import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { ApiKeyResolver } from '../accounts/api-key.resolver.js';
import { AuditResolver } from '../accounts/audit.resolver.js';
import { CustomerAccountResolver } from '../accounts/customer-account.resolver.js';
import { SessionResolver } from '../accounts/session.resolver.js';
import { UserResolver } from '../accounts/user.resolver.js';
import { CatalogResolver } from '../catalog/catalog.resolver.js';
import { CheckoutResolver } from '../checkout/checkout.resolver.js';
import {
  ConfigurationChangesResolver,
  ConfigurationCostResolver,
  ConfigurationResolver,
} from '../configurations/configuration.resolver.js';
import { StartingPriceResolver } from '../configurations/starting-price.resolver.js';
import { EventResolver } from '../events/event.resolver.js';
import {
  CheckoutPromiseResolver,
  ConfigurationPromiseResolver,
  FulfilmentResolver,
  OrderEventTextResolver,
  OrderFulfilmentResolver,
  OrderLineRoutingResolver,
  PromiseSlipTextResolver,
} from '../fulfilment/fulfilment.resolver.js';
import { OrderLineBomResolver, OrderResolver } from '../orders/order.resolver.js';
import { PriceListResolver } from '../price-lists/price-list.resolver.js';
import { ApprovalRuleResolver } from '../quotes/approval-rule.resolver.js';
import { QuoteResolver } from '../quotes/quote.resolver.js';
import { QuoteFieldsResolver, QuoteLinePromiseResolver } from '../quotes/quote-fields.resolver.js';
import { EventPubSub } from '../subscriptions/event-pubsub.js';
import { OrderChangeResolver, SubscriptionResolver } from '../subscriptions/subscription.resolver.js';
import { WebhookResolver } from '../webhooks/webhook.resolver.js';
import { assertEveryOperationHasRule, authChecker } from './authorization.js';

/**
 * The GraphQL schema, built from the resolvers; schema/schema.graphql is this, printed. `pubSub`: where
 * subscriptions hear of events (the server's, fed by its event bus; none hears anything without it).
 */
export async function buildGraphQLSchema(pubSub: PubSub = new EventPubSub()): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      SessionResolver,
      UserResolver,
      CustomerAccountResolver,
      ApiKeyResolver,
      AuditResolver,
      CatalogResolver,
      ConfigurationResolver,
      ConfigurationChangesResolver,
      ConfigurationCostResolver,
      StartingPriceResolver,
      ConfigurationPromiseResolver,
      PriceListResolver,
      CheckoutResolver,
      CheckoutPromiseResolver,
      OrderResolver,
      OrderLineBomResolver,
      OrderFulfilmentResolver,
      OrderLineRoutingResolver,
      OrderEventTextResolver,
      PromiseSlipTextResolver,
      FulfilmentResolver,
      QuoteResolver,
      QuoteFieldsResolver,
      QuoteLinePromiseResolver,
      ApprovalRuleResolver,
      EventResolver,
      SubscriptionResolver,
      OrderChangeResolver,
      WebhookResolver,
    ],
    pubSub,
    // Arguments are read by their zod schemas (ValidArgs, input-validation.ts), then checked against the
    // model and the database by the services; both name the field at fault in the domain's words.
    validate: false,
    // Every query and mutation has an @Allow rule, checked before its arguments are read.
    authChecker,
    authMode: 'error',
  });
  assertEveryOperationHasRule(schema);
  return schema;
}
