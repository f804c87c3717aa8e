import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type As, startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DESK, E_BIKE, QuoteApi, refusal } from './quotes.test-support.js';

const TODAY = '2026-12-01';
const INTERNAL = `internalNote createdBy contentRevision approvedRevision cost { amount } margin { amount } marginPercent
  approval { needed } events { kind } approvals { decision } revisions { reference }
  lines { unitCost { amount } cost { amount } margin { amount } marginPercent }`;
const INTERNAL_PATHS = [
  'internalNote',
  'createdBy',
  'contentRevision',
  'approvedRevision',
  'cost',
  'margin',
  'marginPercent',
  'approval',
  'events',
  'approvals',
  'revisions',
  'lines.unitCost',
  'lines.cost',
  'lines.margin',
  'lines.marginPercent',
];

/** The fields an answer refused, as paths below the quote, each with its code. */
function refusedFields(
  errors: { path?: (string | number)[]; extensions?: Record<string, unknown> }[] | undefined,
  below: number,
): string[] {
  return [
    ...new Set(
      (errors ?? []).map(
        (error) =>
          `${(error.path ?? [])
            .slice(below)
            .filter((step) => typeof step === 'string')
            .join('.')} ${String(error.extensions?.code)}`,
      ),
    ),
  ].sort();
}

describe.each(await testDialects())('who sees what of a quote on %s', (dialect) => {
  let server: TestServer;
  let api: QuoteApi;
  let token: string;
  let quoteId: number;
  let costAmount: string;

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
    api = new QuoteApi(server);
    await api.setRules([]);
    const quote = await api.create(server.callers.accountIds.A, {
      internalNote: 'Competitor quoted 8% less',
    });
    await api.addLine(quote.id, E_BIKE);
    await api.addLine(quote.id, DESK);
    const sent = await api.act('sendQuote', quote.id);
    token = sent.customerToken!;
    quoteId = sent.id;
    costAmount = sent.cost!.amount;
    expect(sent.internalNote).toBe('Competitor quoted 8% less');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('gives sales staff the cost, margin, internal note and history', async () => {
    for (const as of ['sales', 'salesManager', 'admin'] as const) {
      const answer = await server.graphql<{ quote: Record<string, unknown> }>(
        `query($id: Int!) { quote(id: $id) { reference ${INTERNAL} } }`,
        { id: quoteId },
        { as },
      );
      expect(answer.errors, as).toBeUndefined();
      expect(answer.data!.quote).toMatchObject({
        internalNote: 'Competitor quoted 8% less',
        cost: { amount: costAmount },
      });
    }
  });

  it('refuses those fields to the customer on the link, to the account’s customers and to its API keys, and the rest reads', async () => {
    const key = await server.createApiKey({ scopes: ['orders:read'], account: 'A', name: 'A reads' });
    const cases: [string, As, string, Record<string, unknown>, number][] = [
      [
        'the link',
        'anonymous',
        `query($t: String!) { customerQuote(token: $t) { quote { reference ${INTERNAL} } } }`,
        { t: token },
        2,
      ],
      ['customer A', 'customerA', `query { myQuotes { reference ${INTERNAL} } }`, {}, 2],
      ['a key of A', { bearer: key }, `query { myQuotes { reference ${INTERNAL} } }`, {}, 2],
    ];
    for (const [who, as, query, variables, below] of cases) {
      const answer = await server.graphql<Record<string, unknown>>(query, variables, { as });
      const expected = INTERNAL_PATHS.map(
        (path) => `${path} ${as === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN'}`,
      ).sort();
      expect(refusedFields(answer.errors, below), who).toEqual(expected);
      const text = JSON.stringify(answer.data);
      expect(text, who).toContain('-R1');
      expect(text, who).not.toContain('Competitor');
      expect(text, who).not.toContain(costAmount);
    }
    // What the customer may read comes through whole.
    const mine = await server.data<{
      myQuotes: { reference: string; totals: { total: { amount: string } } }[];
    }>('query { myQuotes { reference totals { total { amount } } } }', {}, { as: 'customerA' });
    expect(mine.myQuotes.map((quote) => quote.reference)).toHaveLength(1);
  });

  it('shows a customer only their own account’s sent quotes, and no draft', async () => {
    const draft = await api.create(server.callers.accountIds.A);
    await api.addLine(draft.id, E_BIKE);
    const ofA = await server.data<{ myQuotes: { id: number; status: string }[] }>(
      'query { myQuotes { id status } }',
      {},
      { as: 'customerA' },
    );
    expect(ofA.myQuotes.map((quote) => quote.id)).toEqual([quoteId]);
    const ofB = await server.data<{ myQuotes: unknown[] }>(
      'query { myQuotes { id } }',
      {},
      { as: 'customerB' },
    );
    expect(ofB.myQuotes).toEqual([]);
    // Staff reads by id; a customer may not call it at all.
    expect(
      refusal(
        await server.graphql(
          'query($id: Int!) { quote(id: $id) { id } }',
          { id: quoteId },
          { as: 'customerA' },
        ),
      ),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('opens nothing for a token that is not a link', async () => {
    expect(await api.customerQuote('x'.repeat(43))).toBeNull();
    expect(refusal(await api.acceptAttempt('x'.repeat(43)))).toMatchObject({
      code: 'NOT_FOUND',
      field: 'token',
    });
  });
});
