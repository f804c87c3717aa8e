import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductSummary } from '../catalog/product-summaries.js';
import { contentTypeFor, createAppServer, resolveInside } from './static-server.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with the path sent exactly as given (fetch would normalise it). */
function raw(port: number, rawPath: string, method = 'GET', headers: Record<string, string> = {}) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What the server is given to serve; it passes it through untouched. */
const PRODUCTS: ProductSummary[] = [
  {
    code: 'stool',
    name: 'Made-to-measure stool',
    pitch: 'Three legs, your height.',
    description: 'A stool.',
    currency: 'EUR',
    startingPrice: '89.90',
    defaultConfiguration: { height_mm: '650', legs: 'oak', cushion: null, extras: ['felt'] },
    features: 4,
    options: 7,
    rules: 2,
    parts: 5,
  },
  {
    code: 'bench',
    name: 'Bench',
    pitch: 'Seats four.',
    description: '',
    currency: 'JPY',
    startingPrice: '12000',
    defaultConfiguration: {},
    features: 1,
    options: 0,
    rules: 0,
    parts: 1,
  },
];

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('static server', () => {
  let base: string;
  let server: Server;
  let port: number;

  beforeAll(async () => {
    // base/secret.txt lies outside the served folder base/dist: no request may reach it.
    base = mkdtempSync(path.join(tmpdir(), 'mto-static-'));
    const dist = path.join(base, 'dist');
    mkdirSync(path.join(dist, 'assets'), { recursive: true });
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Index</title>');
    writeFileSync(path.join(dist, 'assets', 'app-123.js'), 'console.log(1);');
    writeFileSync(path.join(dist, 'assets', 'app-123.css'), 'body{}');
    writeFileSync(path.join(base, 'secret.txt'), 'TOP-SECRET');
    server = createAppServer({ clientDist: dist, products: PRODUCTS });
    port = await listen(server);
  });

  afterAll(async () => {
    await close(server);
    rmSync(base, { recursive: true, force: true });
  });

  it('answers GET /api/health with {status: "ok"}', async () => {
    const res = await raw(port, '/api/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
  });

  it('answers GET /api/products with the products it was given, in order and untouched', async () => {
    const res = await raw(port, '/api/products', 'GET', { accept: 'text/html' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(res.body)).toEqual({ products: PRODUCTS });
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
  });

  it('answers /api/products with a query string too', async () => {
    const res = await raw(port, '/api/products?lang=en');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ products: PRODUCTS });
  });

  it('answers HEAD /api/products with the headers and no body', async () => {
    const get = await raw(port, '/api/products');
    const head = await raw(port, '/api/products', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toMatch(/^application\/json/);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.body).toBe('');
  });

  it('refuses writes to the API endpoints with a JSON 405 naming GET and HEAD', async () => {
    for (const [p, method] of [
      ['/api/products', 'POST'],
      ['/api/products', 'PUT'],
      ['/api/products', 'DELETE'],
      ['/api/health', 'POST'],
    ] as const) {
      const res = await raw(port, p, method);
      expect(res.status, `${method} ${p}`).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD');
      expect(JSON.parse(res.body)).toEqual({ error: 'method_not_allowed' });
    }
  });

  it('answers unknown /api paths with a JSON 404, never the page', async () => {
    for (const p of ['/api/nope', '/api', '/api/health/extra', '/api/products/stool', '/api/products/']) {
      const res = await raw(port, p, 'GET', { accept: 'text/html' });
      expect(res.status, p).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.body)).toMatchObject({ error: 'not_found' });
    }
  });

  it('serves files with their content types', async () => {
    const js = await raw(port, '/assets/app-123.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    expect(js.body).toBe('console.log(1);');
    const css = await raw(port, '/assets/app-123.css');
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    const index = await raw(port, '/');
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.body).toContain('<title>Index</title>');
  });

  it('falls back to index.html for client-side routes', async () => {
    const res = await raw(port, '/products/desk/configure?step=2');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Index</title>');
  });

  it('answers 404 for a missing file with an extension (not the page)', async () => {
    const res = await raw(port, '/assets/missing.js');
    expect(res.status).toBe(404);
  });

  it('never serves files outside the client folder', async () => {
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%5csecret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/secret.txt%00.html',
      '/%c0%ae%c0%ae/secret.txt',
      '//../secret.txt',
      `/${'..%2f'.repeat(10)}etc%2fpasswd`,
      '/%2e%2e/%2e%2e/etc/passwd',
    ];
    for (const attempt of attempts) {
      const res = await raw(port, attempt);
      expect(res.body, attempt).not.toContain('TOP-SECRET');
      expect(res.body, attempt).not.toMatch(/root:.*:0:0:/);
    }
  });

  it('rejects writes to the static part', async () => {
    const res = await raw(port, '/', 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('answers HEAD without a body', async () => {
    const res = await raw(port, '/api/health', 'HEAD');
    expect(res.status).toBe(200);
    expect(res.body).toBe('');
  });
});

describe('static server without products', () => {
  it('answers GET /api/products with an empty list', async () => {
    const server = createAppServer({ clientDist: path.join(tmpdir(), 'mto-no-client') });
    const port = await listen(server);
    try {
      const res = await raw(port, '/api/products');
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({ products: [] });
    } finally {
      await close(server);
    }
  });
});

describe('resolveInside', () => {
  const root = path.resolve('/srv/www');

  it('keeps paths inside the root', () => {
    expect(resolveInside(root, '/a/b.js')).toBe(path.join(root, 'a', 'b.js'));
    expect(resolveInside(root, '/')).toBe(root);
  });

  it('refuses paths that climb out, hide a NUL, or are badly encoded', () => {
    expect(resolveInside(root, '/../etc/passwd')).toBeNull();
    expect(resolveInside(root, '/a/..%2f..%2fetc')).toBeNull();
    expect(resolveInside(root, '/a%5c..%5c..%5cetc')).toBeNull();
    expect(resolveInside(root, '/a%00.html')).toBeNull();
    expect(resolveInside(root, '/%E0%A4%A')).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it('knows the usual web types and falls back to octet-stream', () => {
    expect(contentTypeFor('x.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('x.SVG')).toBe('image/svg+xml');
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});
