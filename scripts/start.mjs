#!/usr/bin/env node
// Root `start` script: builds what is missing or stale (scripts/build-if-stale.mjs), then runs the
// built server, server/dist/main.js, in this process (PORT, default 4000; HOST, default 0.0.0.0).
import { pathToFileURL } from 'node:url';
import { buildIfStale, SERVER_OUT } from './build-if-stale.mjs';

try {
  buildIfStale({ log: (message) => console.log(`start: ${message}`) });
} catch (error) {
  console.error(`start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// Production mode unless told otherwise: graphql-js, among others, skips its development-time checks.
process.env.NODE_ENV ??= 'production';
await import(pathToFileURL(SERVER_OUT).href);
