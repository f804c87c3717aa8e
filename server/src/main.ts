import { fileURLToPath } from 'node:url';
import { loadDemoModels } from './catalog/demo-models.js';
import { type ProductSummary, productSummaries } from './catalog/product-summaries.js';
import { createAppServer } from './http/static-server.js';

// Entry point of the built server (server/dist/main.js). Until the GraphQL API comes, the engine's one
// job here is the catalogue: the demo product models are loaded and summarised once, at start.

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 4000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

const port = readPort(process.env.PORT);
const host = process.env.HOST || '0.0.0.0';
// From server/dist/main.js (or server/src/main.ts) the built client is ../../client/dist.
const clientDist = process.env.CLIENT_DIST || fileURLToPath(new URL('../../client/dist/', import.meta.url));

// A demo model that fails to load, autocomplete or price is a bug in the files shipped with the server:
// stop here with every problem listed rather than serve a partial catalogue.
let products: ProductSummary[];
try {
  products = productSummaries(loadDemoModels());
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}

const server = createAppServer({ clientDist, products });

server.on('error', (error: NodeJS.ErrnoException) => {
  console.error(`cannot listen on ${host}:${port}: ${error.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const wildcard = host === '0.0.0.0' || host === '::';
  const shown = wildcard ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  console.log(`listening on http://${shown}:${actualPort}${wildcard ? ` (all interfaces, ${host})` : ''}`);
});

function shutdown(): void {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
