// @vitest-environment node
// A real HTTP server that accepts the request and never answers: the query with a timeout says "down" in time.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, fetchExchange } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductsDocument } from '../graphql/graphql';
import { queryThrough } from './useServer';

let silent: Server;
let url: string;

beforeAll(async () => {
  silent = createServer(() => {
    // Accepts and keeps the request open: no answer ever.
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  silent.closeAllConnections();
  await new Promise((resolve) => silent.close(resolve));
});

describe('a query with a timeout', () => {
  it('counts a server that never answers as down once the time is up', async () => {
    const client = new Client({ url, exchanges: [fetchExchange], preferGetMethod: false });
    const answer = await queryThrough(client, ProductsDocument, {}, { timeoutMs: 300 });
    // Without the time limit this never settles and the test fails on vitest's own timeout.
    expect(answer).toMatchObject({ kind: 'down' });
  });
});
