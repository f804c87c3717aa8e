import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';

declare module 'node:http' {
  interface IncomingMessage {
    /** The request's id (requestIdOf), on every line its logger writes as `requestId`. */
    id: string;
    /** The request's own logger (requestLogging): the process's, with the request's id. */
    log: Logger;
  }
}

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
 * Written here rather than with pino-http, which made a second child logger per request with the whole
 * request serialized and redacted, and the final line's object, even when debug lines are off.
 */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    req.id = requestIdOf(req, res);
    const log = logger.child({ requestId: req.id });
    req.log = log;
    if (log.isLevelEnabled('debug')) {
      const started = Date.now();
      const { method, url } = req;
      const ended = (error?: Error): void => {
        res.off('finish', ended);
        res.off('close', ended);
        res.off('error', ended);
        const line: Record<string, unknown> = {
          req: { method, url },
          res: { status: res.statusCode },
          ms: Date.now() - started,
        };
        if (error || res.statusCode >= 500)
          line.err = error ?? new Error(`failed with status code ${res.statusCode}`);
        log.debug(line, 'request');
      };
      res.on('finish', ended);
      res.on('close', ended);
      res.on('error', ended);
    }
    next();
  };
}
