import { type Client, createClient, type FormattedExecutionResult } from 'graphql-ws';
import { expect, vi } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../server.js';

/** How long a test waits for a message that should come (a failure, not a measure: speed is benched). */
const WAIT_MS = 10_000;

/** One subscription's messages as a graphql-ws client got them, in order. */
export class Heard {
  readonly results: FormattedExecutionResult[] = [];
  /** The `error` message's errors (the operation was refused before it ran). */
  refusal: unknown = null;
  completed = false;
  constructor(readonly stop: () => void) {}

  /** Waits until the results hold one that `wanted` accepts; returns it. */
  async waitFor(wanted: (result: FormattedExecutionResult) => boolean): Promise<FormattedExecutionResult> {
    return vi.waitFor(
      () => {
        const found = this.results.find(wanted);
        if (!found) throw new Error(`not heard yet: ${JSON.stringify(this.results).slice(0, 400)}`);
        return found;
      },
      { timeout: WAIT_MS, interval: 10 },
    );
  }

  /** Waits until the subscription ended (refused or completed) and gives its errors' codes. */
  async refusedWith(): Promise<string[]> {
    await vi.waitFor(() => expect(this.completed || this.refusal !== null).toBe(true), {
      timeout: WAIT_MS,
      interval: 10,
    });
    const errors = (this.refusal ?? this.results.flatMap((result) => result.errors ?? [])) as {
      extensions?: { code?: string };
    }[];
    return errors.map((error) => String(error.extensions?.code));
  }
}

export interface Subscriber {
  client: Client;
  /** Subscribes; resolves once the server listens for it (or refused it). */
  subscribe(query: string, variables?: Record<string, unknown>): Promise<Heard>;
  /** The connection's close, when the server closed it (code and reason). */
  closed: Promise<{ code: number; reason: string }>;
  dispose(): Promise<void>;
}

/**
 * A graphql-ws client in node over a real WebSocket to the running server's /graphql, sending the headers a
 * browser would (a session cookie, an Origin) and the connectionParams a partner would (authorization).
 */
export function subscriber(
  running: RunningServer,
  options: { headers?: Record<string, string>; connectionParams?: Record<string, unknown> } = {},
): Subscriber {
  const headers = options.headers ?? {};
  class WithHeaders extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  let closedWith: (value: { code: number; reason: string }) => void = () => {};
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    closedWith = resolve;
  });
  const client = createClient({
    url: `${running.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WithHeaders,
    connectionParams: options.connectionParams,
    lazy: false,
    retryAttempts: 0,
    // A refused connection is the answer under test, not a reason to throw out of the test's hooks.
    onNonLazyError: () => {},
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: unknown };
        closedWith({ code, reason: String(reason) });
      },
    },
  });
  return {
    client,
    closed,
    async subscribe(query, variables) {
      const streams = running.subscriptions.eventStreams;
      const before = streams.opened;
      let heard!: Heard;
      const stop = client.subscribe(
        { query, variables },
        {
          next: (result) => heard.results.push(result as FormattedExecutionResult),
          error: (error) => {
            heard.refusal = error;
          },
          complete: () => {
            heard.completed = true;
          },
        },
      );
      heard = new Heard(stop);
      // Live once this process listens for it (a change made after this is heard), or refused.
      await vi.waitFor(
        () =>
          expect(
            streams.opened > before || heard.completed || heard.refusal !== null || heard.results.length > 0,
          ).toBe(true),
        { timeout: WAIT_MS, interval: 5 },
      );
      return heard;
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}
