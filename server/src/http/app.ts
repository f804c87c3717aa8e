import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/core';
import express, { type Express } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { ModelCache } from '../catalog/model-cache.js';
import type { Clock } from '../db/clock.js';
import { dialectOf } from '../db/orm.js';
import { createRequestContext, type RequestContext } from '../graphql/context.js';
import { type RememberedResponses, rememberedResponsesPlugin } from '../graphql/remembered-responses.js';
import { buildGraphQLSchema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';

export interface AppOptions {
  orm: MikroORM;
  cache: ModelCache;
  logger: Logger;
  /** The built client (client/dist); when missing, / says how to build it. */
  clientDist: string;
  databaseUrl: string | null;
  responses: RememberedResponses;
  /** Where planning reads today's date. */
  clock: Clock;
}

/** Errors a client caused and can fix: shown as they are. Anything else is logged and shown as internal. */
const CLIENT_ERROR_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** One process serves everything: GraphQL at /graphql, GET /healthz, and the built client at /. */
export async function createApp(
  options: AppOptions,
): Promise<{ app: Express; apollo: ApolloServer<RequestContext> }> {
  const { orm, cache, logger, clientDist, clock } = options;
  const apollo = new ApolloServer<RequestContext>({
    schema: await buildGraphQLSchema(),
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // No HTTP cache hints are given, and the plugin would wrap every field's resolver.
    plugins: [ApolloServerPluginCacheControlDisabled(), rememberedResponsesPlugin(options.responses)],
    stringifyResult: (result) => options.responses.stringify(result),
    formatError: (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
      const code = formatted.extensions?.code;
      if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return formatted;
      logger.error(
        { err: unwrapResolverError(error), path: formatted.path },
        'unexpected error in a GraphQL request',
      );
      return {
        message: 'Internal server error: the server logged it',
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      };
    },
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.debug(
        { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Math.round(ms * 10) / 10 },
        'request',
      );
    });
    next();
  });

  app.get('/healthz', async (_req, res) => {
    const database = dialectOf(options);
    try {
      await orm.em.fork().getConnection().execute('select 1');
      res.json({ status: 'ok', database });
    } catch (error) {
      logger.warn({ err: error }, 'health check: database unreachable');
      res.status(503).json({ status: 'unavailable', database, message: 'the database does not answer' });
    }
  });

  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => createRequestContext(orm, cache, clock) }),
  );

  const indexHtml = join(clientDist, 'index.html');
  app.use(express.static(clientDist, { index: false, maxAge: '1h' }));
  // Client-side routes get the page; files that do not exist (with an extension) stay 404.
  app.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /\.[a-z0-9]+$/i.test(req.path)) return next();
    if (!existsSync(indexHtml)) {
      res
        .status(503)
        .type('text/plain')
        .send('The client is not built yet: run `npx -y pnpm@10.34.9 start`, which builds it.');
      return;
    }
    res.sendFile(indexHtml);
  });
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });
  return { app, apollo };
}
