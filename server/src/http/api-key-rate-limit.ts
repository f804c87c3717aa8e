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

/**
 * Each API key may send its `requestsPerMinute` in a window of 60 s (counted per key in the rate-limit
 * store: memory, or Redis shared by every process). One limiter holds the counts of every key, sized for the
 * largest limit, and each key is compared with its own: a limit an admin changes applies to the window in
 * progress. Every keyed answer carries the IETF draft headers (RateLimit-Limit, -Remaining, -Reset,
 * -Policy); past the limit, 429 with Retry-After and a GraphQL-shaped error RATE_LIMITED.
 */
export function apiKeyRateLimit(store: RateLimitStore): RequestHandler {
  const limiter = store.limiter({
    keyPrefix: 'api-key',
    points: MAX_REQUESTS_PER_MINUTE,
    durationSeconds: RATE_LIMIT_WINDOW_SECONDS,
  });
  return async (_req: Request, res: Response, next: NextFunction) => {
    const key = res.locals.apiKey as ResolvedApiKey | undefined;
    if (!key) return next();
    let counted: RateLimiterRes;
    try {
      counted = await limiter.consume(String(key.viewer.keyId));
    } catch (refusal) {
      // The limiter refuses past MAX_REQUESTS_PER_MINUTE with its count; any other error is the store's.
      if (!(refusal instanceof RateLimiterRes)) return next(refusal);
      counted = refusal;
    }
    const limit = key.requestsPerMinute;
    const resetSeconds = Math.max(0, Math.ceil(counted.msBeforeNext / 1000));
    res.set({
      'RateLimit-Limit': String(limit),
      'RateLimit-Remaining': String(Math.max(0, limit - counted.consumedPoints)),
      'RateLimit-Reset': String(resetSeconds),
      'RateLimit-Policy': `${limit};w=${RATE_LIMIT_WINDOW_SECONDS}`,
    });
    if (counted.consumedPoints <= limit) return next();
    const retryAfter = Math.max(1, resetSeconds);
    res
      .status(429)
      .set('Retry-After', String(retryAfter))
      .json({
        errors: [
          {
            message: `This API key may send ${limit} requests a minute and has sent them: retry in ${retryAfter} s (after ${new Date(Date.now() + retryAfter * 1000).toISOString()}).`,
            extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, limit },
          },
        ],
      });
  };
}
