import { cacheExchange, createClient, fetchExchange } from '@urql/vue';

/**
 * The GraphQL client: POST only (Apollo's CSRF prevention refuses GET queries without a preflight
 * header, docs/stack.md, trap 4). Results are typed by the operations generated into ./graphql.
 */
export const urqlClient = createClient({
  url: '/graphql',
  preferGetMethod: false,
  exchanges: [cacheExchange, fetchExchange],
  requestPolicy: 'cache-and-network',
});
