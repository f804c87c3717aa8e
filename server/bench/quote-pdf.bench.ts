import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pdfPageTexts } from '../src/quotes/document/pdf-text.js';
import { renderQuotePdf } from '../src/quotes/document/render-quote-pdf.js';
import { sampleQuote } from '../src/quotes/document/test-support/sample-quote.js';

/**
 * `pnpm bench quote-pdf [renders]`: the quote document of a 10-line quote (EUR, net prices with 19% tax, a
 * header discount, four options and a ship date per line) rendered to a PDF buffer, one render after the
 * other in this process, after a warm-up (fonts read, code compiled). Issue 14's goal: under 300 ms a render.
 */

export const QUOTE_PDF_GOAL_MS = 300;
const WARM_UP_RENDERS = 20;

export interface QuotePdfBenchResult {
  date: string;
  machine: { node: string; cpus: number; cpuModel: string; loadAverage1m: number };
  quote: { lines: number; currency: string; pages: number; bytes: number };
  warmUpRenders: number;
  renders: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  meanMs: number;
  goalMs: number;
  /** p95 under the goal. */
  meetsGoal: boolean;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
const round = (n: number): number => Math.round(n * 100) / 100;

export async function runQuotePdfBench(renders = 200): Promise<QuotePdfBenchResult> {
  const quote = sampleQuote({ lines: 10, currency: 'EUR', taxRatePercent: 19, headerDiscountPercent: 3 });
  let pdf = await renderQuotePdf(quote);
  for (let i = 1; i < WARM_UP_RENDERS; i++) pdf = await renderQuotePdf(quote);
  // What is timed is what a request would send: check that it is the whole quote.
  const pages = await pdfPageTexts(pdf);
  const text = pages.join(' ');
  for (const line of quote.lines)
    if (!text.includes(line.productName))
      throw new Error(`bench quote-pdf: ${line.productName} is not in the PDF`);
  const timings: number[] = [];
  for (let i = 0; i < renders; i++) {
    const start = performance.now();
    await renderQuotePdf(quote);
    timings.push(performance.now() - start);
  }
  const sorted = [...timings].sort((a, b) => a - b);
  const p95Ms = round(percentile(sorted, 95));
  return {
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    },
    quote: { lines: quote.lines.length, currency: quote.currency, pages: pages.length, bytes: pdf.length },
    warmUpRenders: WARM_UP_RENDERS,
    renders,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms,
    maxMs: round(sorted.at(-1)!),
    meanMs: round(timings.reduce((sum, ms) => sum + ms, 0) / timings.length),
    goalMs: QUOTE_PDF_GOAL_MS,
    meetsGoal: p95Ms < QUOTE_PDF_GOAL_MS,
  };
}
