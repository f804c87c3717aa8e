import type { ErrorRequestHandler, RequestHandler } from 'express';
import { LIMIT_CODES, QUERY_LIMITS } from '../graphql/limits.js';

/** A refusal shaped as a GraphQL answer, so that every client reads it as it reads any other error. */
function graphqlError(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** The path of the first string over QUERY_LIMITS.maxStringLength in a variables object, or null. */
function oversizedString(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.length > QUERY_LIMITS.maxStringLength ? path : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const found = oversizedString(
      item,
      Array.isArray(value) ? `${path}[${key}]` : `${path}.${key.slice(0, 40)}`,
    );
    if (found) return found;
  }
  return null;
}

/**
 * Before Apollo: a POST that is not a JSON object with a query, or with a variable string over
 * maxStringLength, is refused here, before any parsing, validation or caching.
 */
export const graphqlBodyGuard: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') {
    // A GET's variables are one JSON text in the URL (Node bounds the URL at 16 KB): its length is enough.
    const { variables } = req.query;
    if (typeof variables === 'string' && variables.length > QUERY_LIMITS.maxStringLength) {
      res
        .status(400)
        .json(
          graphqlError(
            `$variables is longer than ${QUERY_LIMITS.maxStringLength} characters: refused.`,
            LIMIT_CODES.stringLength,
          ),
        );
      return;
    }
    return next();
  }
  if (!req.is('application/json')) {
    res
      .status(400)
      .json(
        graphqlError(
          'A GraphQL request is a POST with content-type: application/json.',
          LIMIT_CODES.badRequest,
        ),
      );
    return;
  }
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length === 0) {
    res
      .status(400)
      .json(
        graphqlError(
          'The body must be a JSON object with a `query` (batches are not accepted).',
          LIMIT_CODES.badRequest,
        ),
      );
    return;
  }
  const path = oversizedString((body as { variables?: unknown }).variables, '$variables');
  if (path) {
    res
      .status(400)
      .json(
        graphqlError(
          `${path} is longer than ${QUERY_LIMITS.maxStringLength} characters: refused.`,
          LIMIT_CODES.stringLength,
        ),
      );
    return;
  }
  next();
};

/**
 * express.json's refusals (malformed JSON, a body over the limit, an unknown charset or encoding) as GraphQL
 * errors instead of Express's HTML page and its stack trace on stderr; anything else goes on to the app's last handler (app.ts).
 */
export const graphqlBodyErrors: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === 'entity.too.large') {
    res
      .status(413)
      .json(
        graphqlError(`The body is over ${QUERY_LIMITS.maxBodyBytes} bytes: refused.`, LIMIT_CODES.bodySize),
      );
    return;
  }
  const messages: Record<string, string> = {
    'entity.parse.failed': 'The body is not valid JSON.',
    'charset.unsupported': 'The body must be JSON in UTF-8 (charset=utf-8).',
    'encoding.unsupported': 'The body’s content-encoding is not supported (identity, gzip, deflate or br).',
    'request.aborted': 'The request was aborted before its body was read.',
    'request.size.invalid': 'The body’s length is not its content-length.',
  };
  const message = typeof type === 'string' ? messages[type] : undefined;
  if (message) {
    res.status(400).json(graphqlError(message, LIMIT_CODES.badRequest));
    return;
  }
  // Anything else (a malformed URL, an unexpected error): the app's last handler answers and logs it.
  next(error);
};
