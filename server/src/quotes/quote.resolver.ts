import { Arg, Ctx, Int, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { revisionChanges } from '../engine/index.js';
import { Allow, ApiScope, Role } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidArgs } from '../graphql/input-validation.js';
import { ConfigurationInput } from '../graphql/selection.types.js';
import { toOrder } from '../orders/order.mapper.js';
import type { Quote as QuoteEntity } from './quote.entity.js';
import {
  acceptOnBehalfArguments,
  addQuoteLineArguments,
  approveArguments,
  createQuoteArguments,
  declineArguments,
  duplicateQuoteArguments,
  lineIdArgument,
  quoteIdArgument,
  quotesArguments,
  quoteTokenArgument,
  rejectArguments,
  updateQuoteArguments,
  updateQuoteLineArguments,
} from './quote.inputs.js';
import { toQuote, toQuoteChange, toQuoteConnection } from './quote.mapper.js';
import type { Acceptance, QuoteDetails } from './quote.service.js';
import {
  CustomerQuoteView,
  Quote,
  QuoteAcceptance,
  QuoteConnection,
  QuoteDetailsInput,
  QuoteFilterInput,
  QuoteLineChangeInput,
} from './quote.types.js';
import { revisionOf } from './quote-figures.js';

/** Sales reps and managers write quotes; only managers approve. */
const REPS = { users: [Role.SALES, Role.SALES_MANAGER], scope: null } as const;
const MANAGERS = { users: [Role.SALES_MANAGER], scope: null } as const;
const SALES_READ = { users: [Role.SALES, Role.SALES_MANAGER, Role.ADMIN], scope: null } as const;

/**
 * A revision as the schema shows it after a write: read again on a clear unit of work (the write ran in a
 * transaction of its own), keeping the link token only the answer to sendQuote carries.
 */
async function reread(context: RequestContext, written: QuoteEntity): Promise<Quote> {
  context.em.clear();
  const fresh = await context.quoteReads.byId(written.id);
  if (!fresh) throw new Error(`quote ${written.id} vanished after it was written`);
  fresh.quote.customerToken = written.customerToken;
  return toQuote(fresh);
}

async function acceptance(context: RequestContext, accepted: Acceptance): Promise<QuoteAcceptance> {
  const quote = await reread(context, accepted.quote);
  const order = await context.orders.findByNumber(accepted.order.number, {
    kind: 'user',
    userId: 0,
    email: 'system',
    name: 'system',
    roles: [Role.SALES],
    accountId: null,
    sessionId: '',
  });
  if (!order) throw new Error(`order ${accepted.order.number} vanished after it was placed`);
  order.trackingToken = accepted.created ? accepted.order.trackingToken : undefined;
  return Object.assign(new QuoteAcceptance(), {
    quote,
    order: toOrder(order, context.catalog),
    orderCreated: accepted.created,
  });
}

@Resolver()
export class QuoteResolver {
  @Query(() => QuoteConnection, {
    description:
      'Quote revisions, newest first (by default every status but SUPERSEDED), with the pipeline of all that the filter matches. `first`: 1 to 100, default 20.',
  })
  @UseMiddleware(ValidArgs(quotesArguments))
  @Allow(SALES_READ)
  async quotes(
    @Arg('filter', () => QuoteFilterInput, { nullable: true }) filter: QuoteFilterInput | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { quoteReads }: RequestContext,
  ): Promise<QuoteConnection> {
    return toQuoteConnection(await quoteReads.list(filter ?? {}, first, after));
  }

  @Query(() => Quote, { nullable: true, description: 'One quote revision by id; null when there is none.' })
  @UseMiddleware(ValidArgs(quoteIdArgument))
  @Allow(SALES_READ)
  async quote(
    @Arg('id', () => Int) id: number,
    @Ctx() { quoteReads }: RequestContext,
  ): Promise<Quote | null> {
    const found = await quoteReads.byId(id);
    return found ? toQuote(found) : null;
  }

  @Query(() => [Quote], {
    description: 'Quotes waiting for a sales manager’s approval, oldest request first.',
  })
  @Allow(MANAGERS)
  async approvalQueue(@Ctx() { quoteReads }: RequestContext): Promise<Quote[]> {
    return (await quoteReads.approvalQueue()).map(toQuote);
  }

  @Query(() => CustomerQuoteView, {
    nullable: true,
    description:
      'What a customer’s quote link (/quotes/<token>) opens, without signing in: the latest revision sent of that quote, read-only, and what changed since the revision the link was made for. No cost, margin or internal note. Null for any other text.',
  })
  @UseMiddleware(ValidArgs(quoteTokenArgument))
  @Allow({ users: 'anyone', scope: ApiScope.ORDERS_READ })
  async customerQuote(
    @Arg('token', () => String) token: string,
    @Ctx() { quoteReads }: RequestContext,
  ): Promise<CustomerQuoteView | null> {
    const found = await quoteReads.forToken(token);
    if (!found) return null;
    const { latest, linked } = found;
    const changes =
      latest.quote.id === linked.quote.id
        ? []
        : (() => {
            const result = revisionChanges(
              revisionOf(linked.quote, linked.lines),
              revisionOf(latest.quote, latest.lines),
            );
            if (!result.ok) throw new Error(JSON.stringify(result.problems));
            return result.changes;
          })();
    return Object.assign(new CustomerQuoteView(), {
      quote: toQuote(latest),
      linkReference: linked.quote.reference,
      changesSinceLink: changes.map(toQuoteChange),
    });
  }

  @Query(() => [Quote], {
    description:
      'The quotes sent to the caller’s customer account (a customer, or a key of an account): the latest revision sent of each, newest first. No cost, margin or internal note.',
  })
  @Allow({ users: [Role.CUSTOMER], scope: ApiScope.ORDERS_READ })
  async myQuotes(@Ctx() { quoteReads, viewer }: RequestContext): Promise<Quote[]> {
    if (viewer.kind === 'anonymous' || viewer.accountId === null) return [];
    return (await quoteReads.ofAccount(viewer.accountId)).map(toQuote);
  }

  @Mutation(() => Quote, {
    description:
      'A new quote (revision 1, a DRAFT) for a customer account, priced by the account’s price list in effect today (its own, or its currency’s default), valid QUOTE_VALIDITY_DAYS unless said.',
  })
  @UseMiddleware(ValidArgs(createQuoteArguments))
  @Allow(REPS)
  async createQuote(
    @Arg('accountId', () => Int) accountId: number,
    @Arg('input', () => QuoteDetailsInput, { nullable: true }) input: QuoteDetails | null,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(
      context,
      await context.quotes.create(accountId, input ?? {}, context.viewer, context.actor),
    );
  }

  @Mutation(() => Quote, {
    description:
      'Changes a quote’s details. A sent quote cannot change (reviseQuote); an approved or rejected one becomes a DRAFT again.',
  })
  @UseMiddleware(ValidArgs(updateQuoteArguments))
  @Allow(REPS)
  async updateQuote(
    @Arg('id', () => Int) id: number,
    @Arg('input', () => QuoteDetailsInput) input: QuoteDetails,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(context, await context.quotes.update(id, input, context.viewer, context.actor));
  }

  @Mutation(() => Quote, {
    description:
      'Adds a configured product, priced by the quote’s price list today; refused (BAD_USER_INPUT naming the field) unless valid and complete.',
  })
  @UseMiddleware(ValidArgs(addQuoteLineArguments))
  @Allow(REPS)
  async addQuoteLine(
    @Arg('quoteId', () => Int) quoteId: number,
    @Arg('configuration', () => ConfigurationInput) configuration: ConfigurationInput,
    @Arg('discountPercent', () => String, { nullable: true }) discountPercent: string | null,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(
      context,
      await context.quotes.addLine(quoteId, configuration, discountPercent, context.viewer, context.actor),
    );
  }

  @Mutation(() => Quote, { description: 'Changes a line’s configuration, quantity or discount.' })
  @UseMiddleware(ValidArgs(updateQuoteLineArguments))
  @Allow(REPS)
  async updateQuoteLine(
    @Arg('lineId', () => Int) lineId: number,
    @Arg('change', () => QuoteLineChangeInput) change: QuoteLineChangeInput,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(context, await context.quotes.updateLine(lineId, change, context.viewer, context.actor));
  }

  @Mutation(() => Quote, { description: 'Copies a line to the end of the quote, to change it from there.' })
  @UseMiddleware(ValidArgs(lineIdArgument))
  @Allow(REPS)
  async duplicateQuoteLine(
    @Arg('lineId', () => Int) lineId: number,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(context, await context.quotes.duplicateLine(lineId, context.viewer, context.actor));
  }

  @Mutation(() => Quote)
  @UseMiddleware(ValidArgs(lineIdArgument))
  @Allow(REPS)
  async removeQuoteLine(
    @Arg('lineId', () => Int) lineId: number,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(context, await context.quotes.removeLine(lineId, context.viewer, context.actor));
  }

  @Mutation(() => Quote, {
    description:
      'A new quote (a DRAFT, revision 1 of a new number) with the lines, quantities, line and header discounts, terms and note to the customer of a revision in any status, for the same account or `accountId`, priced again today by that account’s price list on the lines’ pinned model versions. Not copied: the internal note, approvals, events, link. A line the list does not price is refused naming `lines[i]`; nothing is written.',
  })
  @UseMiddleware(ValidArgs(duplicateQuoteArguments))
  @Allow(SALES_READ)
  async duplicateQuote(
    @Arg('id', () => Int) id: number,
    @Arg('accountId', () => Int, { nullable: true }) accountId: number | null,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(
      context,
      await context.quotes.duplicate(id, accountId ?? null, context.viewer, context.actor),
    );
  }

  @Mutation(() => Quote, {
    description:
      'DRAFT -> PENDING_APPROVAL when an approval rule applies (refused with NO_APPROVAL_NEEDED otherwise: send it).',
  })
  @UseMiddleware(ValidArgs(quoteIdArgument))
  @Allow(REPS)
  async submitQuoteForApproval(
    @Arg('id', () => Int) id: number,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(context, await context.quotes.submitForApproval(id, context.viewer, context.actor));
  }

  @Mutation(() => Quote, { description: 'PENDING_APPROVAL -> DRAFT, to change it.' })
  @UseMiddleware(ValidArgs(quoteIdArgument))
  @Allow(REPS)
  async withdrawQuoteApproval(
    @Arg('id', () => Int) id: number,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(context, await context.quotes.withdrawApproval(id, context.viewer, context.actor));
  }

  @Mutation(() => Quote, {
    description:
      'A sales manager approves the quote as it is now (that content only): PENDING_APPROVAL -> APPROVED.',
  })
  @UseMiddleware(ValidArgs(approveArguments))
  @Allow(MANAGERS)
  async approveQuote(
    @Arg('id', () => Int) id: number,
    @Arg('comment', () => String, { nullable: true }) comment: string | null,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(context, await context.quotes.approve(id, comment, context.viewer, context.actor));
  }

  @Mutation(() => Quote, {
    description: 'A sales manager rejects the quote with a comment saying what to change: -> REJECTED.',
  })
  @UseMiddleware(ValidArgs(rejectArguments))
  @Allow(MANAGERS)
  async rejectQuote(
    @Arg('id', () => Int) id: number,
    @Arg('comment', () => String) comment: string,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(context, await context.quotes.reject(id, comment, context.viewer, context.actor));
  }

  @Mutation(() => Quote, {
    description:
      '-> SENT (immutable from now on) with a new customer link: `customerToken` and `customerLink` are in this answer only.',
  })
  @UseMiddleware(ValidArgs(quoteIdArgument))
  @Allow(REPS)
  async sendQuote(@Arg('id', () => Int) id: number, @Ctx() context: RequestContext): Promise<Quote> {
    return reread(context, await context.quotes.send(id, context.viewer, context.actor));
  }

  @Mutation(() => Quote, {
    description:
      'A SENT, EXPIRED or DECLINED revision is SUPERSEDED by the next revision, a DRAFT with the same lines: answers the new revision.',
  })
  @UseMiddleware(ValidArgs(quoteIdArgument))
  @Allow(REPS)
  async reviseQuote(@Arg('id', () => Int) id: number, @Ctx() context: RequestContext): Promise<Quote> {
    return reread(context, await context.quotes.revise(id, context.viewer, context.actor));
  }

  @Mutation(() => QuoteAcceptance, {
    description:
      'The customer accepts the quote their link opens (its latest revision sent): in one transaction, an order at the quoted prices and model versions. Accepting again answers the same order. An expired quote cannot be accepted.',
  })
  @UseMiddleware(ValidArgs(quoteTokenArgument))
  @Allow({ users: 'anyone', scope: ApiScope.ORDERS_WRITE })
  async acceptQuote(
    @Arg('token', () => String) token: string,
    @Ctx() context: RequestContext,
  ): Promise<QuoteAcceptance> {
    return acceptance(context, await context.quotes.acceptByToken(token));
  }

  @Mutation(() => QuoteAcceptance, {
    description:
      'A rep accepts for the customer, saying how the customer accepted: recorded as done on their behalf.',
  })
  @UseMiddleware(ValidArgs(acceptOnBehalfArguments))
  @Allow(REPS)
  async acceptQuoteOnBehalf(
    @Arg('id', () => Int) id: number,
    @Arg('reason', () => String) reason: string,
    @Ctx() context: RequestContext,
  ): Promise<QuoteAcceptance> {
    return acceptance(
      context,
      await context.quotes.acceptOnBehalf(id, reason, context.viewer, context.actor),
    );
  }

  @Mutation(() => Quote, {
    description: 'The customer declines the quote their link opens, with a reason if they like.',
  })
  @UseMiddleware(ValidArgs(declineArguments))
  @Allow({ users: 'anyone', scope: ApiScope.ORDERS_WRITE })
  async declineQuote(
    @Arg('token', () => String) token: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() context: RequestContext,
  ): Promise<Quote> {
    return reread(context, await context.quotes.declineByToken(token, reason));
  }
}
