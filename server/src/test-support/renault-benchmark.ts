import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Renault "medium" benchmark (real car-configuration data, for tests and benchmarks only).
 * shared/ sits beside the repository (../shared from its root), on a workstation as in CI; from here
 * that is server/src/test-support -> ../../../../shared.
 */
export const RENAULT_BENCHMARK_DIR = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../../shared/benchmarks/renault',
);

/** The text of a benchmark file; throws, naming the path, when it is missing, so tests fail instead of skipping. */
export function readRenaultBenchmark(
  file: 'medium.xml' | 'medium-sales-history.txt' | 'medium-value-counts.csv',
): string {
  const path = resolve(RENAULT_BENCHMARK_DIR, file);
  if (!existsSync(path)) {
    throw new Error(
      `benchmark file missing: ${path} (shared/ must be checked out beside the repository, as ../shared)`,
    );
  }
  return readFileSync(path, 'utf8');
}
