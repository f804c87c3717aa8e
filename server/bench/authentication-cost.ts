import type { NextFunction, Request, Response } from 'express';
import { systemClock } from '../src/db/clock.js';
import { openDatabase } from '../src/db/orm.js';
import { apiKeyRateLimit, apiKeyRequestCounter } from '../src/http/api-key-rate-limit.js';
import { foreignOriginCheck, partnerCors } from '../src/http/partner-cors.js';
import { rateLimitStore } from '../src/http/rate-limits.js';
import { apiKeyAuthentication, sessionAuthentication, viewerOf } from '../src/http/viewer.js';

type Middleware = (req: Request, res: Response, next: NextFunction) => unknown;

/**
 * What authenticating costs one request, in µs of CPU, without the noise of a shared machine's HTTP loads:
 * the real middlewares that run before the body parser and Apollo (partner CORS, the key, the origin check,
 * the key's rate limit, the session cookie) called in a loop on the bench's database, with a request that
 * carries only the headers they read. Compared with the same chain for an anonymous request.
 */
export async function authenticationCost(
  sqlitePath: string,
  headers: { customer: Record<string, string>; apiKey: Record<string, string> },
  iterations = 20_000,
): Promise<{ anonymousMicros: number; customerSessionMicros: number; apiKeyMicros: number }> {
  const orm = await openDatabase({ databaseUrl: null, sqlitePath });
  const store = rateLimitStore(null);
  const clock = systemClock();
  const chain: Middleware[] = [
    partnerCors(orm, clock),
    apiKeyAuthentication(orm, clock, store),
    foreignOriginCheck,
    apiKeyRateLimit(apiKeyRequestCounter(store)),
    sessionAuthentication(orm, clock),
  ];
  const run = (requestHeaders: Record<string, string>): Promise<void> => {
    const req = { method: 'POST', headers: { host: '127.0.0.1', ...requestHeaders } } as unknown as Request;
    const state = { statusCode: 200 };
    const res = {
      locals: {},
      set: () => res,
      status: (code: number) => {
        state.statusCode = code;
        return res;
      },
      json: () => {
        throw new Error(`the bench's request was refused (${state.statusCode})`);
      },
    } as unknown as Response;
    return new Promise((resolve, reject) => {
      let index = 0;
      const next = (error?: unknown): void => {
        const middleware = chain[index++];
        if (error) reject(error);
        else if (!middleware) resolve(void viewerOf(res));
        else Promise.resolve(middleware(req, res, next)).catch(reject);
      };
      next();
    });
  };
  const time = async (requestHeaders: Record<string, string>): Promise<number> => {
    for (let i = 0; i < 1000; i++) await run(requestHeaders);
    const started = process.cpuUsage();
    for (let i = 0; i < iterations; i++) await run(requestHeaders);
    const used = process.cpuUsage(started);
    return Math.round(((used.user + used.system) / iterations) * 10) / 10;
  };
  try {
    return {
      anonymousMicros: await time({}),
      customerSessionMicros: await time(headers.customer),
      apiKeyMicros: await time(headers.apiKey),
    };
  } finally {
    await store.close();
    await orm.close();
  }
}
