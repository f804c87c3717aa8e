import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/api-server.js';

interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  status?: number;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** What no error answer may hold: Express's HTML page, a stack trace or a file path. */
const LEAK = /<html|<pre>|\n\s+at |node_modules|\/work\/|\.[jt]s:\d+/i;

describe('errors outside /graphql: short answers with their status, one log line, nothing on stderr (sqlite)', () => {
  let server: TestServer;
  let dist: string;
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  const writeStderr = process.stderr.write.bind(process.stderr);
  const consoleError = console.error;
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const text of String(chunk).split('\n')) if (text) lines.push(JSON.parse(text) as LogLine);
      done();
    },
  });

  beforeAll(async () => {
    // A built client of its own: a page, a script and a folder named like a file.
    dist = mkdtempSync(join(tmpdir(), 'mto-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>MTO</title>');
    mkdirSync(join(dist, 'assets', 'folder.js'), { recursive: true });
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1);');
    // As the built server runs (NODE_ENV unset): Express's own handler would print the stack on stderr.
    const nodeEnv = process.env.NODE_ENV;
    delete process.env.NODE_ENV;
    try {
      server = await startTestServer('sqlite', {
        logger: pino({ level: 'info' }, sink),
        env: { CLIENT_DIST: dist },
      });
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      stderr.push(String(chunk));
      return writeStderr(chunk, ...rest);
    }) as typeof process.stderr.write;
    // Express's own handler prints with console.error, which vitest takes before it reaches stderr.
    console.error = (...args: unknown[]) => {
      stderr.push(args.map(String).join(' '));
      consoleError(...args);
    };
  });
  afterAll(async () => {
    process.stderr.write = writeStderr;
    console.error = consoleError;
    await server?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  /** A request as sent, path and all (fetch would re-encode a malformed path). */
  function send(method: string, path: string, headers: Record<string, string> = {}): Promise<Answer> {
    const { port } = new URL(server.url);
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end();
    });
  }
  const settled = () => new Promise((resolve) => setTimeout(resolve, 50));
  const linesOf = (answer: Answer) =>
    lines.filter((line) => line.requestId === answer.headers['x-request-id']);

  it.each([
    ['a malformed URL', '/%E0%A4%A', {}, 400, /malformed/],
    ['a malformed URL under a client route', '/orders/%E0%A4%A', {}, 400, /malformed/],
    ['a malformed URL of a file', '/assets/%E0%A4%A.js', {}, 400, /malformed/],
    [
      'an unsatisfiable Range on a static file',
      '/assets/app.js',
      { range: 'bytes=500-900' },
      416,
      /^Range Not Satisfiable$/,
    ],
    [
      'an unsatisfiable Range on a client route',
      '/orders',
      { range: 'bytes=500-900' },
      416,
      /^Range Not Satisfiable$/,
    ],
  ] as const)(
    '%s: short plain text with its status, logged once as a warning',
    async (_name, path, headers, status, message) => {
      const answer = await send('GET', path, headers);
      expect(answer.status).toBe(status);
      expect(answer.headers['content-type']).toMatch(/^text\/plain/);
      expect(answer.body).toMatch(message);
      expect(answer.body).not.toMatch(LEAK);
      await settled();
      expect(linesOf(answer)).toEqual([
        expect.objectContaining({ level: 40, msg: 'request refused outside GraphQL', status }),
      ]);
    },
  );

  it('a folder named like a file is a 404, not a redirect page', async () => {
    const answer = await send('GET', '/assets/folder.js');
    expect(answer.status).toBe(404);
    expect(answer.body).toBe('Not found');
  });

  it('a malformed URL under /graphql is a GraphQL-shaped 400', async () => {
    const answer = await send('POST', '/graphql/%E0%A4%A', { 'content-type': 'application/json' });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [{ message: expect.stringMatching(/malformed/), extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  /** A request with a JSON body (content-length framed). */
  function sendBody(method: string, path: string, body: string): Promise<Answer> {
    const { port } = new URL(server.url);
    const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('a body on /healthz is not read: GET answers as always, POST is a plain 404', async () => {
    const get = await sendBody('GET', '/healthz', '{"malformed": ');
    expect(get.status).toBe(200);
    expect(JSON.parse(get.body)).toEqual({ status: 'ok', database: 'sqlite' });
    const post = await sendBody('POST', '/healthz', '{"malformed": ');
    expect(post.status).toBe(404);
    expect(post.body).toBe('Not found');
  });

  it('wrote nothing on stderr', async () => {
    await settled();
    expect(stderr.join('')).toBe('');
  });
});
