import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type ApprovalRule, approvalsNeeded, type QuoteInput, quoteTax } from '../src/engine/index.js';
import { startTestServer } from '../src/test-support/api-server.js';

/**
 * `pnpm bench quotes [changes]`: recalculating a 10-line quote.
 * - engine: the quote's figures from its lines (totals, discounts shared out, costs and margins, the approval
 *   rules it triggers, tax), the pure computation every read and change of a quote runs;
 * - api: a rep changing one line's discount over HTTP (`updateQuoteLine`), as the editor does while they type:
 *   the quote locked, the change checked by the lifecycle and written with its event in one transaction, then
 *   the quote read back with its totals, approval, cost and margin. A real server in this process on a fresh
 *   SQLite database (test-support/api-server.ts), 10 e-bike and desk lines on one quote.
 */

const LINES = 10;
const WARM_UP = 20;

export interface Percentiles {
  runs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
}

export interface QuotesBenchResult {
  date: string;
  machine: { node: string; cpus: number; cpuModel: string; loadAverage1m: number };
  lines: number;
  engine: Percentiles;
  api: Percentiles;
}

const RULES: ApprovalRule[] = [
  { id: 'line', name: 'Line discount over 10%', kind: 'discountAbove', scope: 'line', percent: '10' },
  { id: 'quote', name: 'Quote discount over 10%', kind: 'discountAbove', scope: 'quote', percent: '10' },
  { id: 'margin', name: 'Margin under 25%', kind: 'marginBelow', scope: 'quote', percent: '25' },
  {
    id: 'total',
    name: 'Total over 20,000 EUR',
    kind: 'totalAbove',
    amount: { currency: 'EUR', minor: 2_000_000 },
  },
];

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const round = (n: number): number => Math.round(n * 1000) / 1000;

function percentiles(timings: number[]): Percentiles {
  const sorted = [...timings].sort((a, b) => a - b);
  return {
    runs: timings.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    maxMs: round(sorted.at(-1)!),
    meanMs: round(timings.reduce((sum, ms) => sum + ms, 0) / timings.length),
  };
}

/** The engine's figures of a 10-line quote, `runs` times, each with one line's discount changed. */
function engineRecalculation(runs: number): Percentiles {
  const quote = (run: number): QuoteInput => ({
    currency: 'EUR',
    headerDiscountPercent: '2.5',
    lines: Array.from({ length: LINES }, (_, index) => ({
      id: `line-${index}`,
      label: `Line ${index + 1}`,
      unitPriceMinor: 329_700 + index * 12_345,
      quantity: 1 + (index % 4),
      discountPercent: index === run % LINES ? String(run % 15) : '5',
      unitCostMinor: String(199_935.5 + index * 7_001),
    })),
  });
  const timings: number[] = [];
  for (let run = 0; run < WARM_UP + runs; run++) {
    const input = quote(run);
    const start = performance.now();
    const result = approvalsNeeded(input, RULES);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const tax = quoteTax(result.totals.totalMinor, '19');
    if (!tax.ok) throw new Error(tax.message);
    const elapsed = performance.now() - start;
    if (run >= WARM_UP) timings.push(elapsed);
  }
  return percentiles(timings);
}

const UPDATE = `mutation($l: Int!, $d: String!) { updateQuoteLine(lineId: $l, change: { discountPercent: $d }) {
  status totals { total { amount } tax { amount } } cost { amount } margin { amount } marginPercent
  approval { needed triggers { message } } lines { id discountPercent netAfterHeaderDiscount { amount } margin { amount } } } }`;

/** A rep changing one line's discount on a 10-line quote over HTTP, `runs` times. */
async function apiRecalculation(runs: number): Promise<Percentiles> {
  const server = await startTestServer('sqlite');
  try {
    const { createQuote } = await server.data<{ createQuote: { id: number } }>(
      'mutation($a: Int!) { createQuote(accountId: $a) { id } }',
      { a: server.callers.accountIds.A },
      { as: 'sales' },
    );
    let lineIds: number[] = [];
    for (let index = 0; index < LINES; index++) {
      const { addQuoteLine } = await server.data<{ addQuoteLine: { lines: { id: number }[] } }>(
        'mutation($q: Int!, $c: ConfigurationInput!) { addQuoteLine(quoteId: $q, configuration: $c) { lines { id } } }',
        {
          q: createQuote.id,
          c: {
            productCode: index % 2 === 0 ? 'e-bike' : 'standing-desk',
            selections: [],
            quantity: 1 + (index % 3),
          },
        },
        { as: 'sales' },
      );
      lineIds = addQuoteLine.lines.map((line) => line.id);
    }
    const timings: number[] = [];
    for (let run = 0; run < WARM_UP + runs; run++) {
      const variables = { l: lineIds[run % LINES], d: String(1 + (run % 14)) };
      const start = performance.now();
      const answer = await server.graphql<{ updateQuoteLine: { lines: unknown[] } }>(UPDATE, variables, {
        as: 'sales',
      });
      const elapsed = performance.now() - start;
      if (answer.errors || answer.data?.updateQuoteLine.lines.length !== LINES)
        throw new Error(`bench quotes: the change failed: ${JSON.stringify(answer.errors ?? answer.data)}`);
      if (run >= WARM_UP) timings.push(elapsed);
    }
    return percentiles(timings);
  } finally {
    await server.close();
  }
}

export async function runQuotesBench(runs = 200): Promise<QuotesBenchResult> {
  return {
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    },
    lines: LINES,
    engine: engineRecalculation(runs * 10),
    api: await apiRecalculation(runs),
  };
}
