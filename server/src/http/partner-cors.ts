import type { MikroORM } from '@mikro-orm/core';
import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiKeyService, type ResolvedApiKey } from '../accounts/api-key.service.js';
import type { Clock } from '../db/clock.js';
import { RATE_LIMIT_HEADERS } from './api-key-rate-limit.js';
import { isSameOrigin } from './viewer.js';

/** How long a browser may keep a preflight's answer. */
export const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS for partners' browser apps, before the body is read: a request from another origin that some active
 * key allows (ApiKeyService.allowedOrigins, remembered ~10 s) gets Access-Control-Allow-Origin (that origin)
 * and, for a preflight, 204 with the methods, headers and max age. Any other origin gets no CORS header at all
 * (the browser blocks it). Credentials are never allowed: a partner's app sends its key, never a cookie.
 * Same-origin requests (our own client) and requests without Origin (servers, scripts) pass untouched.
 */
export function partnerCors(orm: MikroORM, clock: Clock): RequestHandler {
  const handler = cors({
    origin: (origin, callback) => {
      if (origin === undefined) return callback(null, false);
      new ApiKeyService(orm.em.fork(), clock)
        .allowedOrigins()
        .then((allowed) => callback(null, allowed.has(origin) ? origin : false), callback);
    },
    methods: ['POST', 'GET'],
    allowedHeaders: ['authorization', 'content-type'],
    exposedHeaders: RATE_LIMIT_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    credentials: false,
    optionsSuccessStatus: 204,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.headers.origin === undefined || isSameOrigin(req)) return next();
    handler(req, res, (error?: unknown) => {
      if (error) return next(error);
      // A preflight from an origin no key allows: answered, without a CORS header (the browser stops).
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      next();
    });
  };
}

/**
 * A request from another origin must carry a key that allows that origin (after apiKeyAuthentication);
 * otherwise 403 FORBIDDEN, before any GraphQL work. So a session cookie never acts cross-origin either.
 */
export function foreignOriginCheck(req: Request, res: Response, next: NextFunction): void {
  const origin = req.headers.origin;
  const key = res.locals.apiKey as ResolvedApiKey | undefined;
  if (origin === undefined || isSameOrigin(req) || key?.allowedOrigins.includes(origin)) {
    next();
    return;
  }
  const shown = JSON.stringify(origin.slice(0, 100));
  res.status(403).json({
    errors: [
      {
        message: key
          ? `This key does not allow origin ${shown}: an admin can add it to the key's allowedOrigins.`
          : `A request from origin ${shown} needs an API key that allows that origin (Authorization: Bearer …); cookies are not accepted from other sites.`,
        extensions: { code: 'FORBIDDEN' },
      },
    ],
  });
}
