import { z } from 'zod';
import { API_SCOPES } from '../graphql/authorization.js';
import { quoted, text } from '../graphql/input-validation.js';

export const MAX_REQUESTS_PER_MINUTE = 100_000;
export const MAX_ALLOWED_ORIGINS = 20;
export const MAX_API_KEY_NAME_LENGTH = 100;
export const MAX_PARTNER_NAME_LENGTH = 200;
const MAX_ORIGIN_LENGTH = 200;

/** An origin as a browser sends it: `scheme://host[:port]`, lower case, no path, no default port. */
export function originProblem(origin: string): string | null {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return `${quoted(origin)} is not an origin: write scheme://host[:port], e.g. https://app.example.com`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `${quoted(origin)} is not an http or https origin`;
  if (url.origin !== origin)
    return `${quoted(origin)} is not an origin as a browser sends it: write ${quoted(url.origin)} (no path, no trailing slash, no default port, lower case)`;
  return null;
}

const origins = z
  .array(z.string().max(MAX_ORIGIN_LENGTH, `An origin has at most ${MAX_ORIGIN_LENGTH} characters`))
  .max(MAX_ALLOWED_ORIGINS, `A key allows at most ${MAX_ALLOWED_ORIGINS} origins`)
  .superRefine((given, context) => {
    given.forEach((origin, index) => {
      const problem = originProblem(origin);
      if (problem) context.addIssue({ code: 'custom', path: [index], message: problem });
    });
  })
  .transform((given) => [...new Set(given)]);

const requestsPerMinute = z
  .number()
  .refine((n) => Number.isSafeInteger(n) && n >= 1 && n <= MAX_REQUESTS_PER_MINUTE, {
    error: (issue) =>
      `requestsPerMinute must be a whole number from 1 to ${MAX_REQUESTS_PER_MINUTE}, not ${String(issue.input)}`,
  });

const keyName = text({
  label: 'A key’s name',
  max: MAX_API_KEY_NAME_LENGTH,
  required: 'A key needs a name (what it is for, e.g. "Shop integration")',
  collapseSpaces: true,
});

/** createApiKey's input: a key acts for a customer account or for a partner, never both. */
export const createApiKeyInput = z
  .object({
    name: keyName,
    accountId: z.number().int().positive('accountId is a customer account’s id').nullish(),
    partnerName: text({ label: 'A partner’s name', max: MAX_PARTNER_NAME_LENGTH, collapseSpaces: true })
      .transform((name) => (name === '' ? null : name))
      .nullish(),
    scopes: z
      .array(z.enum(API_SCOPES as [string, ...string[]]))
      .min(1, 'A key needs at least one scope (what it may do)')
      .transform((given) => [...new Set(given)]),
    requestsPerMinute: requestsPerMinute.nullish(),
    allowedOrigins: origins.nullish(),
  })
  .superRefine((input, context) => {
    const hasAccount = input.accountId !== null && input.accountId !== undefined;
    const hasPartner = input.partnerName !== null && input.partnerName !== undefined;
    if (hasAccount === hasPartner)
      context.addIssue({
        code: 'custom',
        path: ['accountId'],
        message: hasAccount
          ? 'A key acts for a customer account (accountId) or for a partner (partnerName), not both'
          : 'A key acts for a customer account (accountId) or for a partner (partnerName): give one',
      });
  });

/** updateApiKey's input: only what is given changes. */
export const updateApiKeyInput = z.object({
  name: keyName.nullish(),
  requestsPerMinute: requestsPerMinute.nullish(),
  allowedOrigins: origins.nullish(),
});

export const apiKeyId = z.number().int().positive('id is an API key’s id (from apiKeys)');
