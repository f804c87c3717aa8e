import { type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ModelCache } from './model-cache.js';
import { audienceOf, MAX_REMEMBERED_KEY_LENGTH, RememberedResponses } from './remembered-responses.js';

const operationOf = (source: string): OperationDefinitionNode =>
  parse(source).definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;

describe('which requests are remembered', () => {
  const responses = new RememberedResponses(new ModelCache());
  const keyOf = (source: string, variables?: Record<string, unknown>): string | null =>
    responses.keyOf(operationOf(source), 'hash', variables);

  it('only queries that read configure and the catalogue', () => {
    expect(keyOf('query Q($i: ConfigurationInput!) { configure(input: $i) { valid } }')).not.toBeNull();
    expect(keyOf('{ products { code } desk: product(code: "d") { name } __typename }')).not.toBeNull();
    expect(keyOf('{ orders { edges { node { number } } } }')).toBeNull();
    expect(keyOf('{ products { code } order(number: "MTO-1") { status } }')).toBeNull();
    expect(keyOf('{ savedConfiguration(code: "abc") { code } }')).toBeNull();
    expect(
      keyOf('mutation { saveConfiguration(input: {productCode: "d", selections: []}) { code } }'),
    ).toBeNull();
    // A fragment at the root could name any field: executed, not remembered.
    expect(keyOf('query { ...F } fragment F on Query { orders { edges { cursor } } }')).toBeNull();
  });

  it('by their variables', () => {
    const query = 'query Q($i: ConfigurationInput!) { configure(input: $i) { valid } }';
    expect(keyOf(query, { i: { productCode: 'a' } })).not.toBe(keyOf(query, { i: { productCode: 'b' } }));
    expect(keyOf(query, { i: { productCode: 'a' } })).toBe(keyOf(query, { i: { productCode: 'a' } }));
  });
});

describe('whose answer a remembered one is', () => {
  const person = (roles: ('CUSTOMER' | 'SALES' | 'ADMIN')[], accountId: number | null) =>
    ({ kind: 'user', userId: 1, email: 'a@b.c', name: 'A', roles, accountId, sessionId: 's' }) as const;

  it('the same for callers alike in day, roles and account; another for any difference', () => {
    const day = '2026-12-07';
    // Two people with the same roles and account are priced alike: one answer serves both.
    expect(audienceOf({ ...person(['CUSTOMER'], 3), userId: 2 }, day)).toBe(
      audienceOf(person(['CUSTOMER'], 3), day),
    );
    expect(audienceOf(person(['SALES', 'ADMIN'], null), day)).toBe(
      audienceOf(person(['ADMIN', 'SALES'], null), day),
    );
    const audiences = [
      audienceOf({ kind: 'anonymous' }, day),
      audienceOf({ kind: 'anonymous' }, '2027-01-01'),
      audienceOf(person(['CUSTOMER'], 3), day),
      audienceOf(person(['CUSTOMER'], 4), day),
      audienceOf(person(['SALES'], null), day),
      audienceOf(
        { kind: 'apiKey', keyId: 1, name: 'k', prefix: 'p', scopes: ['configure'], accountId: 3 },
        day,
      ),
    ];
    expect(new Set(audiences).size).toBe(audiences.length);
  });
});

describe('a remembered answer', () => {
  it('lasts as long as the versions in force are trusted, and no longer', () => {
    let now = 1_000;
    const cache = new ModelCache();
    const responses = new RememberedResponses(cache, 2_000, () => now);
    const key = responses.keyOf(operationOf('{ products { code } }'), 'hash', undefined)!;
    const answer = { data: { products: [{ code: 'desk' }] } };
    responses.remember(key, answer);
    now += 1_999;
    expect(responses.get(key)).toBe('{"data":{"products":[{"code":"desk"}]}}\n');
    now += 2;
    expect(responses.get(key)).toBeUndefined();
  });

  it('is forgotten when this process learns of a new version in force', () => {
    const cache = new ModelCache();
    const responses = new RememberedResponses(cache);
    const operation = operationOf('{ product(code: "desk") { modelVersion } }');
    const key = responses.keyOf(operation, 'hash', undefined)!;
    responses.remember(key, { data: { product: { modelVersion: 1 } } });
    cache.forgetLatest('desk');
    const newKey = responses.keyOf(operation, 'hash', undefined)!;
    expect(newKey).not.toBe(key);
    expect(responses.get(newKey)).toBeUndefined();
  });

  it('is never an error, and is turned into JSON once', () => {
    const responses = new RememberedResponses(new ModelCache());
    responses.remember('refused', { errors: [{ message: 'No product' }] });
    expect(responses.get('refused')).toBeUndefined();
    const answer = { data: { products: [{ code: 'desk' }] } };
    responses.remember('ok', answer);
    const text = responses.stringify({ data: answer.data });
    expect(JSON.parse(text)).toEqual(answer);
    // The same data object again gives the same text, even if someone changed the object since.
    answer.data.products[0]!.code = 'changed';
    expect(responses.stringify({ data: answer.data })).toBe(text);
    // What is remembered is that text, and a remembered answer is sent as it is, byte for byte.
    expect(responses.get('ok')).toBe(text);
    expect(responses.stringify(responses.resultOf(text))).toBe(text);
    // Serialised by anything else, its stand-in is still the data it stands for.
    expect(JSON.parse(JSON.stringify(responses.resultOf(text)))).toEqual({
      data: { products: [{ code: 'desk' }] },
    });
    // Data that was never remembered is serialised as it is.
    expect(responses.stringify({ data: { x: 1 } })).toBe('{"data":{"x":1}}\n');
  });
});

describe('the remembered answers', () => {
  it('weigh their JSON text, and the least recently used go past the limit in bytes', () => {
    const cache = new ModelCache();
    // Each answer below is 46 bytes of JSON; 100 bytes hold two of them.
    const responses = new RememberedResponses(cache, 60_000, Date.now, 100);
    const answer = (code: string) => ({ data: { products: [{ code: `desk-${code}` }] } });
    expect(responses.stringify(answer('aaaaa'))).toHaveLength(46);
    responses.remember('a', answer('aaaaa'));
    responses.remember('b', answer('bbbbb'));
    expect(responses.get('a')).toBeDefined(); // a is now the most recent
    responses.remember('c', answer('ccccc')); // drops b
    expect(responses.size).toBe(2);
    expect(responses.get('b')).toBeUndefined();
    expect(JSON.parse(responses.get('a')!)).toEqual(answer('aaaaa'));
    expect(JSON.parse(responses.get('c')!)).toEqual(answer('ccccc'));
  });

  it('weigh their key too (its variables), and one over MAX_REMEMBERED_KEY_LENGTH is not remembered', () => {
    const responses = new RememberedResponses(new ModelCache(), 60_000, Date.now, 100);
    const answer = { data: { products: [{ code: 'desk-aaaaa' }] } }; // 46 bytes
    responses.remember('k'.repeat(60), answer); // 106 bytes with its key: over the bound
    expect(responses.size).toBe(0);
    responses.remember('k'.repeat(50), answer);
    expect(responses.size).toBe(1);

    const roomy = new RememberedResponses(new ModelCache());
    const query = operationOf('query Q { __typename }');
    const big = roomy.keyOf(query, 'hash', { unused: 'x'.repeat(MAX_REMEMBERED_KEY_LENGTH) })!;
    roomy.remember(big, { data: { __typename: 'Query' } });
    expect(roomy.size).toBe(0);
    const small = roomy.keyOf(query, 'hash', { unused: 'x' })!;
    roomy.remember(small, { data: { __typename: 'Query' } });
    expect(roomy.size).toBe(1);
  });
});
