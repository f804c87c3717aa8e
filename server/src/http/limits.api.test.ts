import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMIT_CODES, QUERY_LIMITS } from '../graphql/limits.js';
import {
  type Dialect,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';

const dialects = await testDialects();

const DESK = { productCode: 'standing-desk', selections: [{ feature: 'width_mm', value: '1600' }] };
const KB_900 = 'x'.repeat(900 * 1024);

/** A page of orders with each one's lines, BOM, routing and fulfilment: priced by its `first`. */
const ORDERS_PAGE =
  'query Page($first: Int) { orders(first: $first) { edges { node { number lines { bom { partNumber quantity } operations { code } } fulfilment { events { kind } reservations { partNumber } } } } } }';

/** `count` aliases of one field, as the probe of issue 12 sent them. */
function aliased(count: number, field: string, variables = ''): string {
  return `query Probe${variables} { ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

interface Probe {
  name: string;
  /** The body as sent (a string is sent as it is). */
  body: unknown;
  contentType?: string;
  status: number;
  code: string;
}

const PROBES: Probe[] = [
  {
    name: '1,000 aliased configure',
    body: {
      query: aliased(1000, 'configure(input: $input) { valid }', '($input: ConfigurationInput!)'),
      variables: { input: DESK },
    },
    status: 400,
    code: LIMIT_CODES.tokens,
  },
  {
    name: '50 aliases of materials',
    body: { query: aliased(50, 'materials { parts { partNumber } }') },
    status: 400,
    code: LIMIT_CODES.aliases,
  },
  {
    name: '300 aliases of autocomplete(CHEAPEST)',
    body: {
      query: aliased(
        300,
        'autocomplete(preference: CHEAPEST, input: $input) { __typename }',
        '($input: ConfigurationInput!)',
      ),
      variables: { input: DESK },
    },
    status: 400,
    code: LIMIT_CODES.tokens,
  },
  {
    name: '10 aliases of autocomplete(CHEAPEST), under the alias limit',
    body: {
      query: aliased(
        10,
        'autocomplete(preference: CHEAPEST, input: $input) { __typename }',
        '($input: ConfigurationInput!)',
      ),
      variables: { input: DESK },
    },
    status: 400,
    code: LIMIT_CODES.cost,
  },
  {
    name: '4 materials, under the alias limit',
    body: { query: aliased(4, 'materials { __typename }') },
    status: 400,
    code: LIMIT_CODES.cost,
  },
  {
    name: 'a page of 100 orders with everything nested (`first` in the document)',
    body: { query: ORDERS_PAGE.replace('($first: Int)', '').replace('$first', '100') },
    status: 400,
    code: LIMIT_CODES.cost,
  },
  {
    name: 'a page of 100 orders with everything nested (`first` a variable)',
    body: { query: ORDERS_PAGE, variables: { first: 100 } },
    status: 400,
    code: LIMIT_CODES.cost,
  },
  {
    name: 'depth 50',
    body: { query: `{ products { ${'featureGroups { '.repeat(49)}code${' }'.repeat(49)} } }` },
    status: 400,
    code: LIMIT_CODES.depth,
  },
  {
    name: '1,000 directives',
    body: { query: `{ __typename ${'@include(if: true) '.repeat(1000)}}` },
    status: 400,
    code: LIMIT_CODES.tokens,
  },
  {
    name: '11 directives',
    body: { query: `{ __typename ${'@skip(if: false) '.repeat(11)}}` },
    status: 400,
    code: LIMIT_CODES.directives,
  },
  {
    name: '{ __typename } with 900 KB of unused variables',
    body: { query: '{ __typename }', variables: { unused: KB_900 } },
    status: 413,
    code: LIMIT_CODES.bodySize,
  },
  {
    name: '900 KB value in resolveConflict',
    body: {
      query: operation('resolve-conflict'),
      variables: { input: DESK, feature: 'width_mm', value: KB_900 },
    },
    status: 413,
    code: LIMIT_CODES.bodySize,
  },
  {
    name: 'a 20,000-character value in resolveConflict (under the body limit)',
    body: {
      query: operation('resolve-conflict'),
      variables: { input: DESK, feature: 'width_mm', value: 'x'.repeat(20_000) },
    },
    status: 400,
    code: LIMIT_CODES.stringLength,
  },
  {
    name: 'a 20,000-character string in the document',
    body: { query: `{ product(code: "${'x'.repeat(20_000)}") { code } }` },
    status: 400,
    code: LIMIT_CODES.stringLength,
  },
  { name: 'malformed JSON', body: '{"query": "{ __typename }"', status: 400, code: LIMIT_CODES.badRequest },
  { name: 'an empty body', body: '', status: 400, code: LIMIT_CODES.badRequest },
  { name: 'an empty JSON object', body: {}, status: 400, code: LIMIT_CODES.badRequest },
  {
    name: 'a JSON array (a batch)',
    body: [{ query: '{ __typename }' }],
    status: 400,
    code: LIMIT_CODES.badRequest,
  },
  {
    name: 'a wrong content type',
    body: '{"query": "{ __typename }"}',
    contentType: 'text/plain',
    status: 400,
    code: LIMIT_CODES.badRequest,
  },
  {
    name: 'a wrong charset',
    body: '{"query": "{ __typename }"}',
    contentType: 'application/json; charset=latin1',
    status: 400,
    code: LIMIT_CODES.badRequest,
  },
];

describe.each(dialects)(
  'requests over the limits are refused, and the server keeps answering, on %s',
  (dialect: Dialect) => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer(dialect);
    });
    afterAll(async () => {
      await server?.close();
    });

    const send = (probe: Pick<Probe, 'body' | 'contentType'>) =>
      fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': probe.contentType ?? 'application/json' },
        body: typeof probe.body === 'string' ? probe.body : JSON.stringify(probe.body),
      });

    it.each(PROBES)(
      '$name: $status $code, quickly, remembered nowhere, /healthz right after',
      async (probe) => {
        const remembered = server.running.responses.size;
        const started = performance.now();
        const response = await send(probe);
        const elapsed = performance.now() - started;
        expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
        const text = await response.text();
        const body = JSON.parse(text) as { errors: { message: string; extensions: { code: string } }[] };
        expect({ status: response.status, codes: body.errors.map((error) => error.extensions.code) }).toEqual(
          {
            status: probe.status,
            codes: expect.arrayContaining([probe.code]),
          },
        );
        // Only a short prefix of the input is ever echoed.
        expect(text.length).toBeLessThan(4_000);
        expect(elapsed).toBeLessThan(1_000);
        expect(server.running.responses.size).toBe(remembered);
        const healthStarted = performance.now();
        const health = await fetch(`${server.url}/healthz`);
        expect(health.status).toBe(200);
        expect(performance.now() - healthStarted).toBeLessThan(1_000);
      },
    );

    it('still answers the client’s own configure and remembers it', async () => {
      const remembered = server.running.responses.size;
      const answer = await server.graphql(operation('configure'), { input: DESK });
      expect(answer.errors).toBeUndefined();
      expect(server.running.responses.size).toBe(remembered + 1);
    });

    it('answers the same page of orders with a small `first`', async () => {
      const answer = await server.graphql(ORDERS_PAGE, { first: 2 });
      expect(answer.errors).toBeUndefined();
      expect(answer.status).toBe(200);
    });

    it('answers but does not remember a request whose variables are over the remembered key length', async () => {
      const remembered = server.running.responses.size;
      const answer = await server.graphql('query Big { __typename }', {
        unused: 'x'.repeat(9_000),
        more: 'y'.repeat(9_000),
      });
      expect(answer).toEqual({ status: 200, data: { __typename: 'Query' } });
      expect(server.running.responses.size).toBe(remembered);
    });

    it('cuts a long message to a short prefix of the input', async () => {
      const answer = await server.graphql(`{ product(code: "abc") { ${'x'.repeat(5_000)} } }`);
      expect(answer.status).toBe(400);
      expect(answer.errors?.[0]?.message.length).toBeLessThanOrEqual(310);
    });

    it('refuses a GET whose variables are over the string limit, and answers a small one', async () => {
      const get = (variables: unknown) =>
        fetch(
          `${server.url}/graphql?query=${encodeURIComponent('query($c: String!) { product(code: $c) { code } }')}&variables=${encodeURIComponent(JSON.stringify(variables))}`,
          { headers: { 'apollo-require-preflight': 'true' } },
        );
      const refused = await get({ c: 'x'.repeat(QUERY_LIMITS.maxStringLength + 1) });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toEqual({
        errors: [expect.objectContaining({ extensions: { code: LIMIT_CODES.stringLength } })],
      });
      const answered = await get({ c: 'desk' });
      expect(await answered.json()).toEqual({ data: { product: null } });
    });

    it('lets strings up to the limit through to the arguments’ own rules', async () => {
      // Not refused as INPUT_TOO_LONG: the product code's own rule (at most 100 characters) answers instead.
      const answer = await server.graphql('query($code: String!) { product(code: $code) { code } }', {
        code: 'x'.repeat(QUERY_LIMITS.maxStringLength),
      });
      expect(answer.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'code' }),
        }),
      ]);
      const short = await server.graphql('query($code: String!) { product(code: $code) { code } }', {
        code: 'x'.repeat(100),
      });
      expect(short.errors).toBeUndefined();
      expect(short.data).toEqual({ product: null });
    });
  },
);
