import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';

/** A request the receiver got. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Parsed body (type, timestamp, data). */
  json: { type: string; timestamp: string; data: Record<string, unknown> };
  at: number;
}

/** How the receiver answers one request (default 204); 'hang' never answers. */
export type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'hang';

/** A real HTTP server on 127.0.0.1 standing for a partner's webhook endpoint. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  answer: (request: Received) => Answer = () => ({ status: 204 });
  private readonly hanging: ServerResponse[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        let json: Received['json'];
        try {
          json = JSON.parse(body);
        } catch {
          json = { type: '', timestamp: '', data: {} };
        }
        const request: Received = { path: req.url ?? '', headers: req.headers, body, json, at: Date.now() };
        this.received.push(request);
        const answer = this.answer(request);
        if (answer === 'hang') {
          this.hanging.push(res);
          return;
        }
        res.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? '');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  /** The requests about one order or quote, in arrival order. */
  about(subject: string): Received[] {
    return this.received.filter((request) => JSON.stringify(request.json.data).includes(`"${subject}"`));
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Waits until `check` answers true (polling every 20 ms), failing after `timeoutMs` with `what`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
