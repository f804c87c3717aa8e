import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { allowedQuoteActions, revisionChanges } from '../engine/index.js';
import { toDeliveryPromise } from '../fulfilment/fulfilment.mapper.js';
import { DeliveryPromise } from '../fulfilment/fulfilment.types.js';
import { AllowField, hasRole, isStaff, Role } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { toApprovalRecord, toQuoteChange, toQuoteEvent, toRevisionRef } from './quote.mapper.js';
import { quoteActorOf } from './quote.service.js';
import {
  Quote,
  QuoteApprovalRecord,
  QuoteChange,
  QuoteEvent,
  QuoteLine,
  QuoteOrderRef,
  QuoteRevisionRef,
  SALES_ROLES,
} from './quote.types.js';
import { QUOTE_ACTION_NAMES, QuoteAction } from './quote-enums.js';
import { factsOf, revisionOf } from './quote-figures.js';

const SALES_ONLY = { users: SALES_ROLES, scope: null } as const;

/** A quote's parts read on demand: its history, other revisions, the order, and what the viewer may do. */
@Resolver(() => Quote)
export class QuoteFieldsResolver {
  @FieldResolver(() => [QuoteAction], {
    description:
      'What the caller may do with this revision now (the lifecycle’s guards for their part: a rep, a manager, or the customer on the link).',
  })
  allowedActions(@Root() quote: Quote, @Ctx() { viewer, clock }: RequestContext): QuoteAction[] {
    // Staff who do not sell (an admin) read quotes but take no step in them.
    if (isStaff(viewer) && !hasRole(viewer, Role.SALES, Role.SALES_MANAGER)) return [];
    const { entity, figures } = quote;
    const facts = factsOf(
      entity,
      quote.lines.length,
      figures.approval.needed,
      quoteActorOf(viewer),
      clock.today(),
      // A rejection needs a comment, which is given with it: offer it.
      'comment',
    );
    return allowedQuoteActions(entity.status, facts).map((action) => QUOTE_ACTION_NAMES[action]);
  }

  @FieldResolver(() => [QuoteEvent], {
    nullable: true,
    description:
      'Every step of this revision, oldest first. Sales staff only (anyone else: null and FORBIDDEN).',
  })
  @AllowField(SALES_ONLY)
  async events(@Root() quote: Quote, @Ctx() { quoteReads }: RequestContext): Promise<QuoteEvent[]> {
    return (await quoteReads.events(quote.id)).map(toQuoteEvent);
  }

  @FieldResolver(() => [QuoteApprovalRecord], {
    nullable: true,
    description:
      'Managers’ decisions on this revision, oldest first. Sales staff only (anyone else: null and FORBIDDEN).',
  })
  @AllowField(SALES_ONLY)
  async approvals(
    @Root() quote: Quote,
    @Ctx() { quoteReads }: RequestContext,
  ): Promise<QuoteApprovalRecord[]> {
    return (await quoteReads.approvals(quote.id)).map(toApprovalRecord);
  }

  @FieldResolver(() => [QuoteChange], {
    description: 'What changed since the previous revision, in words; empty for the first.',
  })
  async changes(@Root() quote: Quote, @Ctx() { quoteReads }: RequestContext): Promise<QuoteChange[]> {
    const previous = await quoteReads.previous(quote.entity);
    if (!previous) return [];
    const result = revisionChanges(
      revisionOf(previous.quote, previous.lines),
      revisionOf(
        quote.entity,
        quote.lines.map((line) => line.entity),
      ),
    );
    if (!result.ok) throw new Error(`revision changes: ${JSON.stringify(result.problems)}`);
    return result.changes.map(toQuoteChange);
  }

  @FieldResolver(() => [QuoteRevisionRef], {
    nullable: true,
    description:
      'Every revision of this quote, first to last. Sales staff only (anyone else: null and FORBIDDEN).',
  })
  @AllowField(SALES_ONLY)
  async revisions(@Root() quote: Quote, @Ctx() { quoteReads }: RequestContext): Promise<QuoteRevisionRef[]> {
    return (await quoteReads.revisionsOf(quote.number)).map(toRevisionRef);
  }

  @FieldResolver(() => QuoteOrderRef, {
    nullable: true,
    description: 'The order placed when it was accepted; null before.',
  })
  async order(@Root() quote: Quote, @Ctx() { em }: RequestContext): Promise<QuoteOrderRef | null> {
    const order = quote.entity.order;
    if (!order) return null;
    const loaded = await em.populate(quote.entity, ['order']);
    return Object.assign(new QuoteOrderRef(), {
      number: loaded.order!.number,
      status: loaded.order!.status,
    });
  }
}

/** A quote line's live promise: when it would ship if the quote were accepted today. */
@Resolver(() => QuoteLine)
export class QuoteLinePromiseResolver {
  @FieldResolver(() => DeliveryPromise, {
    nullable: true,
    description:
      'Estimated ship date if accepted today, with its bottleneck: from stock and capacity now, on the line’s pinned model version (a read-only estimate: nothing is reserved).',
  })
  async promise(
    @Root() line: QuoteLine,
    @Ctx() { configurations, fulfilment }: RequestContext,
  ): Promise<DeliveryPromise | null> {
    const entity = line.entity;
    const configured = await configurations.configure(
      {
        productCode: entity.productCode,
        selections: entity.selections,
        quantity: entity.quantity,
        modelVersion: entity.modelVersion.version,
      },
      'line',
    );
    const estimate = await fulfilment.placement.estimate(configured);
    return estimate ? toDeliveryPromise(estimate.promise) : null;
  }
}
