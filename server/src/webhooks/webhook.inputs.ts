import { z } from 'zod';
import { EVENT_TYPES } from '../events/event-type.js';
import { quoted, text } from '../graphql/input-validation.js';

export const MAX_WEBHOOK_URL_LENGTH = 2000;
export const MAX_WEBHOOK_DESCRIPTION_LENGTH = 200;
export const MAX_DELIVERY_PAGE = 100;

/** The shape of an endpoint's URL (where it points is checked by the service: it resolves the host). */
const url = z
  .string()
  .max(MAX_WEBHOOK_URL_LENGTH, `url has at most ${MAX_WEBHOOK_URL_LENGTH} characters`)
  .transform((given) => given.trim())
  .superRefine((given, context) => {
    let parsed: URL;
    try {
      parsed = new URL(given);
    } catch {
      context.addIssue({
        code: 'custom',
        message: `url ${quoted(given)} is not a URL: write https://host/path`,
      });
      return;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
      context.addIssue({
        code: 'custom',
        message: `url must be an https:// URL, not ${quoted(parsed.protocol)}`,
      });
    else if (parsed.username || parsed.password)
      context.addIssue({
        code: 'custom',
        message: 'url may not hold a user name or password: the signature proves who sends',
      });
    else if (parsed.hash) context.addIssue({ code: 'custom', message: 'url may not have a #fragment' });
  });

const eventTypes = z
  .array(z.enum(EVENT_TYPES as unknown as [string, ...string[]], { error: 'eventTypes: unknown event type' }))
  .min(1, 'eventTypes: name at least one event type the endpoint wants')
  .transform((given) => [...new Set(given)]);

const description = text({ label: 'description', max: MAX_WEBHOOK_DESCRIPTION_LENGTH, collapseSpaces: true })
  .transform((given) => (given === '' ? null : given))
  .nullish();

export const createWebhookEndpointInput = z.object({ url, eventTypes, description });
export const updateWebhookEndpointInput = z.object({
  url: url.nullish(),
  eventTypes: eventTypes.nullish(),
  description,
});

export const webhookId = z.number().int().positive('id is a webhook endpoint’s id');
export const deliveryId = z.number().int().positive('deliveryId is a webhook delivery’s id');
export const deliveryPageSize = z
  .number()
  .int()
  .min(1, `first is from 1 to ${MAX_DELIVERY_PAGE}`)
  .max(MAX_DELIVERY_PAGE, `first is from 1 to ${MAX_DELIVERY_PAGE}`)
  .nullish();
export const deliveryCursor = z
  .string()
  .max(100, 'after is a cursor from an earlier page')
  .refine((given) => /^\d{1,12}$/.test(Buffer.from(given, 'base64url').toString('utf8')), {
    error: 'after is not a cursor from an earlier page',
  })
  .nullish();
