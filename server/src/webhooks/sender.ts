import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { bareHost, pinnedAddress } from './address-guard.js';

/** What one POST came to: an answer (any status) or an error without one. */
export interface PostOutcome {
  durationMs: number;
  responseStatus: number | null;
  /** The first KB of the answer's body. */
  responseBodyStart: string | null;
  error: string | null;
}

export const RESPONSE_BODY_KEPT = 1024;
/** A longer answer is cut off here (its socket is dropped, not reused). */
const RESPONSE_BODY_READ = 64 * 1024;

// Kept-alive sockets per host: a busy endpoint is not reconnected for every event. A socket is only ever
// connected to an address that passed the guard.
const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 64 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 64 }),
};

/**
 * POSTs a webhook. The host is resolved once and the request connects to that address (a DNS answer that
 * changes between the check and the connection cannot point it at the private network); redirects are not
 * followed (a 3xx is a failed attempt); the whole attempt is cut off after `timeoutMs`.
 */
export async function postWebhook(
  target: string,
  headers: Record<string, string>,
  body: string,
  options: { timeoutMs: number; allowPrivateNetworks: boolean },
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: unknown): PostOutcome => ({
    durationMs: elapsed(),
    responseStatus: null,
    responseBodyStart: null,
    error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
  });
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return failed('the endpoint URL is not a URL');
  }
  const host = bareHost(url);
  const deadline = AbortSignal.timeout(options.timeoutMs);
  let pinned: Awaited<ReturnType<typeof pinnedAddress>>;
  try {
    pinned = await Promise.race([
      pinnedAddress(host, options.allowPrivateNetworks),
      new Promise<never>((_, reject) =>
        deadline.addEventListener('abort', () => reject(new Error('DNS lookup timed out')), { once: true }),
      ),
    ]);
  } catch (error) {
    return failed(error);
  }
  const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const secure = url.protocol === 'https:';
  return new Promise<PostOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const request = (secure ? httpsRequest : httpRequest)(
      {
        protocol: url.protocol,
        hostname: host,
        port: url.port || (secure ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
        lookup,
        agent: secure ? agents.https : agents.http,
        signal: deadline,
        // The certificate is checked against the host's name, not the pinned address.
        ...(secure && !isIP(host) ? { servername: host } : {}),
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read <= RESPONSE_BODY_READ) chunks.push(chunk);
          else response.destroy();
        });
        const done = (error: string | null) =>
          finish({
            durationMs: elapsed(),
            responseStatus: response.statusCode ?? null,
            responseBodyStart: Buffer.concat(chunks).subarray(0, RESPONSE_BODY_KEPT).toString('utf8'),
            error,
          });
        response.on('end', () => done(null));
        response.on('close', () => done(null));
        response.on('error', (error) => done(error.message));
      },
    );
    request.on('error', (error) => {
      const timedOut = deadline.aborted;
      finish(failed(timedOut ? new Error(`no answer within ${options.timeoutMs} ms`) : error));
    });
    request.end(body);
  });
}
