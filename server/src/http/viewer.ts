import type { MikroORM } from '@mikro-orm/core';
import { parse as parseCookies } from 'cookie';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiKeyService, rememberedApiKey } from '../accounts/api-key.service.js';
import { RememberedSessions } from '../accounts/remembered-sessions.js';
import { SessionService } from '../accounts/session.service.js';
import type { Clock } from '../db/clock.js';
import { ANONYMOUS, type Viewer } from '../graphql/authorization.js';
import type { RateLimitStore } from './rate-limits.js';

/** The session cookie's name: httpOnly, SameSite=Lax, Secure over https. */
export const SESSION_COOKIE = 'mto_session';

/** Who the request comes from, as the authentication middlewares found it (anonymous by default). */
export function viewerOf(res: Response): Viewer {
  return (res.locals.viewer as Viewer | undefined) ?? ANONYMOUS;
}

export function setViewer(res: Response, viewer: Viewer): void {
  res.locals.viewer = viewer;
}

/**
 * A cookie is accepted only from our own pages: a request that names another origin (a partner's browser
 * app) is answered as if it had no cookie, so a session never acts cross-origin.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    // req.host: the Host header, or X-Forwarded-Host behind a trusted proxy (TRUST_PROXY) that rewrites Host.
    return new URL(origin).host === (req.host ?? req.headers.host);
  } catch {
    return false;
  }
}

/** Sets and clears the session cookie on this request's answer. */
export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
  /** The token this request came with (to end or rotate its session); null without one. */
  readonly token: string | null;
}

export function sessionCookieOf(req: Request, res: Response): SessionCookie {
  const options = { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/' };
  return {
    set: (token, expiresAt) => res.cookie(SESSION_COOKIE, token, { ...options, expires: expiresAt }),
    clear: () => res.clearCookie(SESSION_COOKIE, options),
    token: (res.locals.sessionToken as string | undefined) ?? null,
  };
}

/** A session's viewer, remembered a few seconds (RememberedSessions; sign-out forgets it at once). */
export async function sessionViewer(orm: MikroORM, clock: Clock, token: string): Promise<Viewer | null> {
  const remembered = RememberedSessions.of(orm.em);
  const known = remembered.get(token);
  if (known) return known;
  const startedAt = remembered.currentGeneration;
  const viewer = await new SessionService(orm.em.fork(), clock).viewerOf(token);
  if (viewer?.kind === 'user') remembered.remember(token, viewer, startedAt);
  return viewer;
}

/** Reads the session cookie (same-origin requests only) and makes its user the request's viewer. */
export function sessionAuthentication(orm: MikroORM, clock: Clock): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const header = req.headers.cookie;
      if (header === undefined || !isSameOrigin(req) || res.locals.viewer !== undefined) return next();
      const token = parseCookies(header)[SESSION_COOKIE];
      if (!token) return next();
      const viewer = await sessionViewer(orm, clock, token);
      if (viewer) {
        setViewer(res, viewer);
        res.locals.sessionToken = token;
      } else {
        // Ended, expired or unknown: the browser forgets it.
        sessionCookieOf(req, res).clear();
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Reads `Authorization: Bearer <key>`: a known key becomes the viewer; an unknown or revoked one is refused
 * with 401 before any GraphQL work (a partner must learn at once that its key is wrong, not get anonymous
 * answers). A request with a key never uses a session cookie.
 */
/** Wrong API keys one address may send in WRONG_KEY_WINDOW_SECONDS before it is refused without a look-up. */
export const WRONG_KEYS_PER_ADDRESS = 30;
export const WRONG_KEY_WINDOW_SECONDS = 600;

export function apiKeyAuthentication(orm: MikroORM, clock: Clock, store: RateLimitStore): RequestHandler {
  // Guessing keys costs a database read each: an address that keeps sending wrong ones is refused first.
  const wrongKeys = store.limiter({
    keyPrefix: 'wrong-api-key',
    points: WRONG_KEYS_PER_ADDRESS,
    durationSeconds: WRONG_KEY_WINDOW_SECONDS,
  });
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const header = req.headers.authorization;
      if (header === undefined) return next();
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const secret = match?.[1];
      const remembered = secret ? rememberedApiKey(orm.em, secret) : null;
      const address = req.ip ?? req.socket?.remoteAddress ?? 'unknown';
      if (!remembered) {
        const wrong = await wrongKeys.get(address);
        if (wrong && wrong.consumedPoints >= WRONG_KEYS_PER_ADDRESS) {
          tooManyWrongKeys(res, Math.max(1, Math.ceil(wrong.msBeforeNext / 1000)));
          return;
        }
      }
      const resolved =
        remembered ?? (secret ? await new ApiKeyService(orm.em.fork(), clock).resolve(secret) : null);
      if (!resolved) {
        await wrongKeys.consume(address).catch(() => undefined);
        res
          .status(401)
          .set('WWW-Authenticate', 'Bearer')
          .json({
            errors: [
              {
                message:
                  'The API key is not valid or was revoked: send `Authorization: Bearer mto_live_…` with a key an admin created for you.',
                extensions: { code: 'UNAUTHENTICATED' },
              },
            ],
          });
        return;
      }
      setViewer(res, resolved.viewer);
      res.locals.apiKey = resolved;
      next();
    } catch (error) {
      next(error);
    }
  };
}

function tooManyWrongKeys(res: Response, retryAfter: number): void {
  res
    .status(429)
    .set('Retry-After', String(retryAfter))
    .json({
      errors: [
        {
          message: `Too many wrong API keys from this address: retry in ${retryAfter} s with a key an admin created for you.`,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
        },
      ],
    });
}
