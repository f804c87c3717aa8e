import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { ProductSummary } from '../catalog/product-summaries.js';

/**
 * A minimal HTTP server: GET /api/health, GET /api/products, a JSON 404 for other /api paths, and the
 * built client (client/dist) with a fallback to index.html for client-side routes.
 * The GraphQL API replaces the /api part later; this file stays the static half. It computes nothing:
 * the products are given to it (summarised by the caller), and it serves them as they are.
 */

export interface AppServerOptions {
  /** Absolute path of the built client (the folder holding index.html). */
  clientDist: string;
  /**
   * The catalogue served at GET /api/products as `{ "products": [...] }`, in this order.
   * Computed by the caller (catalog/product-summaries.ts), once. Default: none.
   */
  products?: readonly ProductSummary[];
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : payload);
}

function sendText(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(req.method === 'HEAD' ? undefined : text);
}

/**
 * Maps a URL path onto a file inside `root`, or returns null when it cannot name one
 * (bad percent-encoding, a NUL byte, or a path that would leave `root`).
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  // Treat backslashes as separators too, so that "..\\" cannot slip past on any platform.
  const segments = decoded.split(/[/\\]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) return null;
  const resolved = path.resolve(root, ...segments);
  const rootWithSep = root.endsWith(path.sep) ? root : root + path.sep;
  if (resolved !== root && !resolved.startsWith(rootWithSep)) return null;
  return resolved;
}

async function isFile(filePath: string): Promise<boolean> {
  try {
    return (await stat(filePath)).isFile();
  } catch {
    return false;
  }
}

function sendFile(req: IncomingMessage, res: ServerResponse, filePath: string, size: number): void {
  const isHashedAsset = filePath.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'content-type': contentTypeFor(filePath),
    'content-length': size,
    'cache-control': isHashedAsset ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(filePath);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** True when the last path segment looks like a file name (has an extension). */
function looksLikeFile(urlPath: string): boolean {
  const last = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  return path.extname(last) !== '';
}

async function serveClient(
  req: IncomingMessage,
  res: ServerResponse,
  urlPath: string,
  clientDist: string,
): Promise<void> {
  const indexFile = path.join(clientDist, 'index.html');
  const target = resolveInside(clientDist, urlPath);
  if (target === null) {
    sendText(req, res, 404, 'Not found');
    return;
  }
  if (target !== clientDist && (await isFile(target))) {
    sendFile(req, res, target, (await stat(target)).size);
    return;
  }
  // A client-side route (no file extension, or a browser asking for a page) gets the app's index.html.
  const wantsPage = !looksLikeFile(urlPath) || (req.headers.accept ?? '').includes('text/html');
  if (!wantsPage) {
    sendText(req, res, 404, 'Not found');
    return;
  }
  if (!(await isFile(indexFile))) {
    sendText(req, res, 503, 'The client is not built: run `npx -y pnpm@10.34.9 --filter ./client build`.');
    return;
  }
  sendFile(req, res, indexFile, (await stat(indexFile)).size);
}

export function createRequestHandler(options: AppServerOptions) {
  const clientDist = path.resolve(options.clientDist);
  /** The read-only JSON endpoints (GET and HEAD): path -> body. */
  const endpoints = new Map<string, unknown>([
    ['/api/health', { status: 'ok' }],
    ['/api/products', { products: options.products ?? [] }],
  ]);

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-content-type-options', 'nosniff');
    const method = req.method ?? 'GET';
    // Only the path matters here; the base is a placeholder. `new URL` also normalises dot segments.
    let urlPath: string;
    try {
      urlPath = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      sendText(req, res, 400, 'Bad request');
      return;
    }

    if (urlPath === '/api' || urlPath.startsWith('/api/')) {
      if (endpoints.has(urlPath)) {
        if (method !== 'GET' && method !== 'HEAD') {
          res.setHeader('allow', 'GET, HEAD');
          sendJson(req, res, 405, { error: 'method_not_allowed' });
          return;
        }
        sendJson(req, res, 200, endpoints.get(urlPath));
        return;
      }
      sendJson(req, res, 404, { error: 'not_found', message: `No API endpoint at ${urlPath}` });
      return;
    }

    if (method !== 'GET' && method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendText(req, res, 405, 'Method not allowed');
      return;
    }
    await serveClient(req, res, urlPath, clientDist);
  };
}

export function createAppServer(options: AppServerOptions): Server {
  const handle = createRequestHandler(options);
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error('request failed:', error);
      if (!res.headersSent) sendText(req, res, 500, 'Internal server error');
      else res.destroy();
    });
  });
}
