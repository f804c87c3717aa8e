import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CatalogResolver } from '../catalog/catalog.resolver.js';
import { ConfigurationResolver } from '../configurations/configuration.resolver.js';
import {
  ConfigurationPromiseResolver,
  FulfilmentResolver,
  OrderFulfilmentResolver,
  OrderLineRoutingResolver,
} from '../fulfilment/fulfilment.resolver.js';
import { OrderResolver } from '../orders/order.resolver.js';

/** The GraphQL schema, built from the resolvers; schema/schema.graphql is this, printed. */
export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [
      CatalogResolver,
      ConfigurationResolver,
      ConfigurationPromiseResolver,
      OrderResolver,
      OrderFulfilmentResolver,
      OrderLineRoutingResolver,
      FulfilmentResolver,
    ],
    // Arguments are read by their zod schemas (ValidArgs, input-validation.ts), then checked against the
    // model and the database by the services; both name the field at fault in the domain's words.
    validate: false,
  });
}
