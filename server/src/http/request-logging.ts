import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp } from 'pino-http';
import type { Logger } from '../logger.js';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A caller's request id is kept when it is short printable text (a UUID, a trace id); else a new one. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:/+=-]{1,128}$/;

/** The request's id: the caller's `x-request-id` when sane, else a new UUID; echoed in the response. */
export function requestIdOf(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/**
 * Every request gets an id and its own logger (`req.log`, which the GraphQL context carries to the
 * resolvers and services), so every line logged for it has `requestId`. One line per request at
 * `debug` (LOG_LEVEL=debug), with its method, URL, status and time; no headers (they can hold secrets).
 */
export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: requestIdOf,
    customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
    // req.log has only the request id; the line that ends the request has its method, URL and status.
    quietReqLogger: true,
    customLogLevel: () => 'debug',
    customSuccessMessage: () => 'request',
    customErrorMessage: () => 'request',
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
  });
}
