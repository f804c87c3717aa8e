import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Renault "medium" and "big" ranges (real car-configuration data, for tests and benchmarks only), kept in the repository
 * at test/fixtures/renault (its README says where it comes from); from here that is server/src/test-support -> ../../../test.
 */
export const RENAULT_BENCHMARK_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../test/fixtures/renault',
);

/** The text of a benchmark file; throws, naming the path, when it is missing, so tests fail instead of skipping. */
export function readRenaultBenchmark(
  file: 'medium.xml' | 'medium-sales-history.txt' | 'medium-value-counts.csv' | 'big.xml',
): string {
  const path = resolve(RENAULT_BENCHMARK_DIR, file);
  if (!existsSync(path)) {
    throw new Error(`benchmark file missing: ${path} (it is committed in test/fixtures/renault)`);
  }
  return readFileSync(path, 'utf8');
}
