/**
 * Live updates: GraphQL subscriptions over one WebSocket to the server's own /graphql (graphql-ws, the
 * graphql-transport-ws protocol), forwarded by urql's subscriptionExchange. The graphql-ws client is loaded
 * only when a page first subscribes (a dynamic import), so pages without live updates (the configurator) do
 * not carry it. The session cookie goes with the same-origin upgrade; a lost connection is retried with
 * backoff for as long as a page listens, and `liveState` says whether updates are flowing.
 */
import type { SubscriptionForwarder } from '@urql/core';
import type { Client as WsClient } from 'graphql-ws';
import { ref } from 'vue';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/** Whether live updates are flowing now (shown by LiveBadge). */
export const liveState = ref<LiveState>('connecting');

/** Waits before the n-th retry: 0.5 s doubling to 15 s, with jitter so that a restarted server is not stormed. */
export function retryDelayMs(retries: number): number {
  const base = Math.min(15_000, 500 * 2 ** retries);
  return base / 2 + Math.random() * (base / 2);
}

/** The WebSocket URL of this page's own server (ws: or wss: as the page is served). */
export function liveUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`;
}

let client: Promise<WsClient> | null = null;

function wsClient(): Promise<WsClient> {
  client ??= import('graphql-ws').then(({ createClient }) =>
    createClient({
      url: liveUrl(),
      // Connects on the first subscription, closes shortly after the last one ends.
      lazy: true,
      lazyCloseTimeout: 3000,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => true,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, retryDelayMs(retries))),
      on: {
        connecting: (isRetry) => {
          liveState.value = isRetry ? 'reconnecting' : 'connecting';
        },
        connected: () => {
          liveState.value = 'live';
        },
        closed: () => {
          if (liveState.value === 'live') liveState.value = 'reconnecting';
        },
      },
    }),
  );
  return client;
}

/** urql's subscriptionExchange forwarder: each subscription over the shared graphql-ws client. */
export const forwardSubscription: SubscriptionForwarder = (request) => ({
  subscribe(sink) {
    let unsubscribe: (() => void) | null = null;
    let ended = false;
    void wsClient().then((ws) => {
      if (ended) return;
      unsubscribe = ws.subscribe({ ...request, query: request.query ?? '' }, sink);
    });
    return {
      unsubscribe() {
        ended = true;
        unsubscribe?.();
      },
    };
  },
});
