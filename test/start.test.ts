// End to end: the root `start` script (build if needed, then the real built server) on a free port.
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Spawns `node scripts/start.mjs` and resolves once the server logs "listening". */
function startServer(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening on http:\/\//.test(output)) resolve({ child, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      reject(new Error(`server exited early (code ${code}, signal ${signal}):\n${output}`)),
    );
  });
}

/** A GET with the path sent byte for byte (fetch and URL would normalise the dot segments away). */
function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('npx pnpm start (built server)', () => {
  let child: ChildProcess | undefined;
  let port = 0;
  let base = '';
  let logs: () => string = () => '';

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const started = await startServer(port);
    child = started.child;
    logs = started.output;
  });

  afterAll(async () => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child?.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  });

  it('logs one "listening on" line with the port', () => {
    expect(logs()).toContain(`listening on http://127.0.0.1:${port}`);
  });

  it('GET /api/health is ok', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /api/products lists the three demo products, priced by the engine', async () => {
    const res = await fetch(`${base}/api/products`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { products } = (await res.json()) as { products: Record<string, unknown>[] };
    expect(products.map((p) => p.code).sort()).toEqual(['e-bike', 'standing-desk', 'workstation-pc']);
    for (const product of products) {
      expect(product.currency, String(product.code)).toBe('EUR');
      // Decimal text in major units with the currency's two digits, never a float.
      expect(product.startingPrice, String(product.code)).toMatch(/^[1-9]\d*\.\d{2}$/);
      expect(typeof product.name).toBe('string');
      expect(typeof product.pitch).toBe('string');
      expect(typeof product.defaultConfiguration).toBe('object');
      for (const count of ['features', 'options', 'rules', 'parts'])
        expect(product[count], `${product.code}.${count}`).toBeGreaterThan(0);
    }
    expect(products.find((p) => p.code === 'standing-desk')?.startingPrice).toBe('1170.60');
  });

  it('GET / returns the page, and its script is served as JavaScript', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain('<title>MTO Configurator</title>');
    expect(html).toContain('<html lang="en">');
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const js = await fetch(`${base}${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('GET /some/deep/route falls back to index.html', async () => {
    const res = await fetch(`${base}/some/deep/route`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>MTO Configurator</title>');
  });

  it('GET /api/nope is a JSON 404', async () => {
    const res = await fetch(`${base}/api/nope`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject({ error: 'not_found' });
  });

  it('does not leak files through path traversal', async () => {
    for (const attempt of [
      '/%2e%2e/%2e%2e/etc/passwd',
      '/../../etc/passwd',
      '/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
      '/..%2fpackage.json',
    ]) {
      const res = await rawGet(port, attempt);
      expect(res.body, attempt).not.toMatch(/root:.*:0:0:/);
      expect(res.body, attempt).not.toContain('"name": "@mto/client"');
    }
  });
});
