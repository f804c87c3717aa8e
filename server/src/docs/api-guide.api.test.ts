import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_SCOPES } from '../graphql/authorization.js';
import { type As, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';

// The API guide's runnable examples (docs/api.md), run against a real server so the guide cannot rot. An example
// is a marker line, a ```graphql block and optionally a ```json block of variables:
//   <!-- example: <name> as=<guest|customer|staff|admin|partner> [expect=error:<CODE>] -->
// A variable written "<path from other-example>" takes that value from the other example's answer (which runs
// first: the examples run in the guide's order), e.g. "<pageInfo.endCursor from page-1>".

const GUIDE = new URL('../../../docs/api.md', import.meta.url);

type Caller = 'guest' | 'customer' | 'staff' | 'admin' | 'partner';
const CALLERS: readonly Caller[] = ['guest', 'customer', 'staff', 'admin', 'partner'];

interface GuideExample {
  name: string;
  as: Caller;
  /** The error code the example is meant to produce; null: it must answer without errors. */
  expectError: string | null;
  query: string;
  variables: Record<string, unknown>;
  line: number;
}

const MARKER = /^<!-- example: ([a-z0-9-]+) as=([a-z]+)(?: expect=error:([A-Z_]+))? -->$/;

/** Every marked example of the guide, in order; a malformed marker or block fails with its line. */
function guideExamples(text: string): GuideExample[] {
  const lines = text.split('\n');
  const examples: GuideExample[] = [];
  const fenced = (from: number, language: string): { body: string; end: number } | null => {
    let start = from;
    while (start < lines.length && lines[start]!.trim() === '') start++;
    if (lines[start]?.trim() !== `\`\`\`${language}`) return null;
    const end = lines.indexOf('```', start + 1);
    if (end < 0) throw new Error(`docs/api.md:${start + 1}: the \`\`\`${language} block is not closed`);
    return { body: lines.slice(start + 1, end).join('\n'), end };
  };
  for (const [index, line] of lines.entries()) {
    if (!line.startsWith('<!-- example:')) continue;
    const match = MARKER.exec(line.trim());
    if (!match) throw new Error(`docs/api.md:${index + 1}: a malformed example marker: ${line}`);
    const [, name, as, expectError] = match;
    if (!CALLERS.includes(as as Caller))
      throw new Error(`docs/api.md:${index + 1}: as=${as} is none of ${CALLERS.join(', ')}`);
    const query = fenced(index + 1, 'graphql');
    if (!query)
      throw new Error(`docs/api.md:${index + 1}: example ${name} has no \`\`\`graphql block after it`);
    const json = fenced(query.end + 1, 'json');
    examples.push({
      name: name!,
      as: as as Caller,
      expectError: expectError ?? null,
      query: query.body,
      variables: json ? (JSON.parse(json.body) as Record<string, unknown>) : {},
      line: index + 1,
    });
  }
  return examples;
}

/** The value at a dotted path (`placeOrder.number`, `nodes.0.number`) of an answer's data. */
function at(data: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key], data);
}

const examples = guideExamples(readFileSync(GUIDE, 'utf8'));

describe('the API guide (docs/api.md)', () => {
  it('has at least 12 runnable examples with distinct names, and the headings of the contract in order', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
    expect(new Set(examples.map((e) => e.name)).size).toBe(examples.length);
    const headings = readFileSync(GUIDE, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('## '))
      .map((line) => line.slice(3).trim());
    const contract = [
      'Authentication',
      'Scopes',
      'Rate limits',
      'Idempotency',
      'Errors',
      'Pagination',
      'Filtering',
      'Events feed',
      'Webhooks',
      'Subscriptions',
      'GraphiQL',
    ];
    expect(headings.filter((heading) => contract.includes(heading))).toEqual(contract);
  });
});

describe.each(await testDialects())('the API guide’s examples on %s', (dialect) => {
  let server: TestServer;
  let partnerKey: string;
  const answers = new Map<string, unknown>();

  beforeAll(async () => {
    server = await startTestServer(dialect);
    partnerKey = await server.createApiKey({ scopes: [...API_SCOPES], account: 'A', name: 'Guide partner' });
  });
  afterAll(() => server?.close());

  const callerOf = (as: Caller): As => {
    if (as === 'guest') return 'anonymous';
    if (as === 'customer') return 'customerA';
    if (as === 'partner') return { bearer: partnerKey };
    return as;
  };

  /** The variables with each "<path from example>" replaced by that example's answer. */
  const resolved = (example: GuideExample): Record<string, unknown> =>
    JSON.parse(JSON.stringify(example.variables), (_key, value: unknown) => {
      const reference = typeof value === 'string' ? /^<([\w.]+) from ([a-z0-9-]+)>$/.exec(value) : null;
      if (!reference) return value;
      const [, path, from] = reference;
      if (!answers.has(from!)) throw new Error(`${example.name} uses ${from}, which has not run before it`);
      const found = at(answers.get(from!), path!);
      if (found === undefined) throw new Error(`${example.name}: ${from}'s answer has no ${path}`);
      return found;
    });

  it.each(examples.map((example) => [example.name, example] as const))(
    'example %s answers as the guide says',
    async (_name, example) => {
      const answer = await server.graphql(example.query, resolved(example), { as: callerOf(example.as) });
      const where = `docs/api.md:${example.line} example ${example.name} (as ${example.as})`;
      if (example.expectError) {
        const codes = (answer.errors ?? []).map((error) => error.extensions?.code);
        expect(
          codes.length,
          `${where}: expected the error ${example.expectError}, got ${JSON.stringify(answer)}`,
        ).toBeGreaterThan(0);
        expect(new Set(codes), `${where}: ${JSON.stringify(answer.errors)}`).toEqual(
          new Set([example.expectError]),
        );
      } else {
        expect(answer.errors, `${where}: ${JSON.stringify(answer.errors)}`).toBeUndefined();
        expect(answer.data, where).toBeTruthy();
      }
      answers.set(example.name, answer.data);
    },
  );
});
