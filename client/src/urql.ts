import {
  cacheExchange,
  createClient,
  fetchExchange,
  getOperationName,
  mapExchange,
  type OperationResult,
  subscriptionExchange,
} from '@urql/core';
import { forwardSubscription } from './live';

/** Operations whose UNAUTHENTICATED answer is about what was typed (a wrong password), not an ended session. */
const CREDENTIAL_CHECKS = new Set(['SignIn']);

/**
 * Whether an answer says the session has ended (signed out on every browser, expired, the user disabled):
 * an UNAUTHENTICATED error to anything but a sign-in.
 */
export function sessionEnded(result: OperationResult): boolean {
  if (CREDENTIAL_CHECKS.has(getOperationName(result.operation.query) ?? '')) return false;
  return (result.error?.graphQLErrors ?? []).some((error) => error.extensions?.code === 'UNAUTHENTICATED');
}

let onSessionEnded: () => void = () => {};

/** What the app does when an answer says the session has ended (main.ts: ask who this is, then guard the page). */
export function whenSessionEnds(handler: () => void): void {
  onSessionEnded = handler;
}

/**
 * The GraphQL client: POST only (Apollo's CSRF prevention refuses GET queries without a preflight
 * header, docs/stack.md, trap 4); subscriptions over WebSocket (live.ts). Results are typed by the operations generated into ./graphql.
 */
export const urqlClient = createClient({
  url: '/graphql',
  preferGetMethod: false,
  exchanges: [
    cacheExchange,
    mapExchange({
      onResult(result) {
        if (sessionEnded(result)) onSessionEnded();
      },
    }),
    // Subscriptions go over WebSocket (live.ts: graphql-ws, loaded when a page first subscribes).
    subscriptionExchange({ forwardSubscription }),
    fetchExchange,
  ],
  requestPolicy: 'cache-and-network',
});
