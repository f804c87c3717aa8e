import { fileURLToPath } from 'node:url';
import { createAppServer } from './http/static-server.js';

// Entry point of the built server (server/dist/main.js). It does not import the engine yet:
// the GraphQL API, which will, comes later.

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

const server = createAppServer({ clientDist });

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
