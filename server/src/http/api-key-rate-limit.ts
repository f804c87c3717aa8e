import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { MAX_REQUESTS_PER_MINUTE } from '../accounts/api-key.inputs.js';
import type { ResolvedApiKey } from '../accounts/api-key.service.js';
import type { RateLimitStore } from './rate-limits.js';

/** The window of every key's limit. */
export const RATE_LIMIT_WINDOW_SECONDS = 60;

/** The headers a browser app may read (CORS): the limit's state and when to retry. */
export const RATE_LIMIT_HEADERS = [
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
  'Retry-After',
];

/** One request of a key, counted: the limit's state, and whether the request is over it. */
export interface CountedRequest {
  limit: number;
  remaining: number;
  resetSeconds: number;
  /** Past the limit: retry after this many seconds; null when within it. */
  retryAfter: number | null;
}

/**
 * Counts the requests of every key in one limiter, sized for the largest limit, each key compared with its
 * own: a limit an admin changes applies to the window in progress. HTTP requests and subscribe operations over
 * WebSocket are counted alike, by the one counter an app makes (a memory store's limiters share nothing).
 */
export type ApiKeyRequestCounter = (key: ResolvedApiKey) => Promise<CountedRequest>;

export function apiKeyRequestCounter(store: RateLimitStore): ApiKeyRequestCounter {
  const limiter = store.limiter({
    keyPrefix: 'api-key',
    points: MAX_REQUESTS_PER_MINUTE,
    durationSeconds: RATE_LIMIT_WINDOW_SECONDS,
  });
  return async (key) => {
    let counted: RateLimiterRes;
    try {
      counted = await limiter.consume(String(key.viewer.keyId));
    } catch (refusal) {
      // The limiter refuses past MAX_REQUESTS_PER_MINUTE with its count; any other error is the store's.
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      counted = refusal;
    }
    const limit = key.requestsPerMinute;
    const resetSeconds = Math.max(0, Math.ceil(counted.msBeforeNext / 1000));
    return {
      limit,
      remaining: Math.max(0, limit - counted.consumedPoints),
      resetSeconds,
      retryAfter: counted.consumedPoints <= limit ? null : Math.max(1, resetSeconds),
    };
  };
}

/** The refusal's message: how many requests a minute the key may send, and when to retry. */
export function rateLimitedMessage(limit: number, retryAfter: number): string {
  return `This API key may send ${limit} requests a minute and has sent them: retry in ${retryAfter} s (after ${new Date(Date.now() + retryAfter * 1000).toISOString()}).`;
}

/**
 * Each API key may send its `requestsPerMinute` in a window of 60 s (counted per key in the rate-limit
 * store: memory, or Redis shared by every process; apiKeyRequestCounter). Every keyed answer carries the IETF
 * draft headers (RateLimit-Limit, -Remaining, -Reset, -Policy); past the limit, 429 with Retry-After and a
 * GraphQL-shaped error RATE_LIMITED.
 */
export function apiKeyRateLimit(count: ApiKeyRequestCounter): RequestHandler {
  return async (_req: Request, res: Response, next: NextFunction) => {
    const key = res.locals.apiKey as ResolvedApiKey | undefined;
    if (!key) return next();
    let counted: CountedRequest;
    try {
      counted = await count(key);
    } catch (error) {
      return next(error);
    }
    const { limit, remaining, resetSeconds, retryAfter } = counted;
    res.set({
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(remaining),
      'RateLimit-Reset': String(resetSeconds),
      'RateLimit-Policy': `${limit};w=${RATE_LIMIT_WINDOW_SECONDS}`,
    });
    if (retryAfter === null) return next();
    res
      .status(429)
      .set('Retry-After', String(retryAfter))
      .json({
        errors: [
          {
            message: rateLimitedMessage(limit, retryAfter),
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, limit },
          },
        ],
      });
  };
}
