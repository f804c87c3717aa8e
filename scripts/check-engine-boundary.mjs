#!/usr/bin/env node
// Run by the root `lint` script after biome: exits 1 and lists file:line for every import that
// crosses the engine's boundary (rules in scripts/engine-boundary.mjs).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findEngineBoundaryViolations, formatViolation } from './engine-boundary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const violations = findEngineBoundaryViolations(root);
if (violations.length > 0) {
  for (const v of violations) console.error(formatViolation(v));
  console.error(`engine boundary: ${violations.length} violation(s)`);
  process.exit(1);
}
console.log('engine boundary: ok');
