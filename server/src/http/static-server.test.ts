import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    server = createAppServer({ clientDist: dist });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(base, { recursive: true, force: true });
  });

  it('answers GET /api/health with {status: "ok"}', async () => {
    const res = await raw(port, '/api/health');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body)).toEqual({ status: 'ok' });
  });

  it('answers unknown /api paths with a JSON 404, never the page', async () => {
    for (const p of ['/api/nope', '/api', '/api/health/extra']) {
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
