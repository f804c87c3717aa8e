import type { EntityManager } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';
import { explode, type SelectionValue } from '../engine/index.js';
import type { Order } from '../orders/order.entity.js';
import type { OrderActions } from './order-actions.js';
import type { ActionOutcome } from './outcomes.js';
import type { CommitLine, PlacementService } from './placement.service.js';

/**
 * An order too large for the plant waits for review (placement books nothing for it); accepting it places
 * it for real: in one transaction with the order locked, each line is exploded again from its snapshot
 * (its pinned model version and values in force) and placement then does what it does for any order.
 */
export class ReviewService {
  constructor(
    readonly actions: OrderActions,
    readonly placement: PlacementService,
    readonly catalog: CatalogService,
  ) {}

  acceptOrderReview(number: string, by: string): Promise<ActionOutcome> {
    return this.actions.onOrder(number, by, async (em, order, actor) => {
      await this.actions.apply(em, order, 'acceptReview', actor, 'Accepted after review: to be placed');
      const lines = await this.linesOf(em, order);
      await this.placement.commitOrder(em, order, lines, actor, { reviewed: true });
    });
  }

  /** The order's lines as placement needs them, rebuilt from what was stored when the order came in. */
  private async linesOf(em: EntityManager, order: Order): Promise<CommitLine[]> {
    await em.populate(order, ['lines.modelVersion']);
    const lines = [...order.lines.getItems()].sort((a, b) => a.position - b.position);
    return lines.map((entity) => {
      const { model } = this.catalog.loaded(entity.modelVersion);
      const values = entity.selection as Record<string, SelectionValue | null>;
      const explosion = explode(model, values, entity.quantity);
      if (!explosion.ok) {
        // The line was valid and exploded on its pinned version when it was placed: the same input explodes again.
        throw new Error(
          `Order ${order.number} line ${entity.position + 1} cannot be exploded again: ${explosion.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
        );
      }
      return { entity, configured: { model, values }, explosion };
    });
  }
}
