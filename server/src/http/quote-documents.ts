import type { MikroORM } from '@mikro-orm/core';
import { type RequestHandler, Router } from 'express';
import type { ModelCache } from '../catalog/model-cache.js';
import type { QuoteSettings } from '../config.js';
import type { Clock } from '../db/clock.js';
import { hasRole, Role } from '../graphql/authorization.js';
import type { Logger } from '../logger.js';
import type { MailService } from '../mail/mail.service.js';
import type { QuoteDocumentFile } from '../quotes/quote-documents.service.js';
import { quotesOn } from '../services.js';
import { sessionAuthentication, viewerOf } from './viewer.js';

export interface QuoteDocumentRouteOptions {
  orm: MikroORM;
  cache: ModelCache;
  clock: Clock;
  logger: Logger;
  mail: MailService;
  quotes: QuoteSettings;
}

/** A link token as a customer's link carries it (32 random bytes, base64url). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The quote document as a PDF, next to /graphql:
 * - `GET /quotes/<token>/document.pdf`: the customer's link (no sign-in): the latest revision sent of that quote;
 * - `GET /staff/quotes/<id>/document.pdf`: sales staff (a session of SALES, SALES_MANAGER or ADMIN), any revision.
 * A token or id that opens nothing is a plain 404, the same for both.
 */
export function quoteDocumentRoutes(options: QuoteDocumentRouteOptions): Router {
  const router = Router();
  const quotes = () =>
    quotesOn(
      options.orm.em.fork(),
      options.cache,
      options.clock,
      options.logger,
      options.mail,
      options.quotes,
    );
  const send = (file: QuoteDocumentFile | null, res: Parameters<RequestHandler>[1]) => {
    if (!file) {
      res.status(404).type('text/plain').send('Not found');
      return;
    }
    res
      .status(200)
      .set({
        'content-type': 'application/pdf',
        'content-disposition': `inline; filename="${file.filename}"`,
        // A customer's link is a secret: no shared cache keeps its document.
        'cache-control': 'private, no-store',
      })
      .send(file.content);
  };

  router.get('/quotes/:token/document.pdf', async (req, res, next) => {
    try {
      const token = String(req.params.token);
      send(TOKEN.test(token) ? await quotes().quoteDocuments.byToken(token) : null, res);
    } catch (error) {
      next(error);
    }
  });

  router.get(
    '/staff/quotes/:id/document.pdf',
    sessionAuthentication(options.orm, options.clock),
    async (req, res, next) => {
      try {
        const viewer = viewerOf(res);
        if (viewer.kind !== 'user') {
          res.status(401).type('text/plain').send('Sign in to read a quote’s document.');
          return;
        }
        if (!hasRole(viewer, Role.SALES, Role.SALES_MANAGER, Role.ADMIN)) {
          res.status(403).type('text/plain').send('Only sales staff read a quote’s document by its id.');
          return;
        }
        const id = Number(req.params.id);
        send(Number.isSafeInteger(id) && id > 0 ? await quotes().quoteDocuments.byId(id) : null, res);
      } catch (error) {
        next(error);
      }
    },
  );
  return router;
}
