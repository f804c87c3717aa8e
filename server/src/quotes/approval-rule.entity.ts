import { BigIntType, Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { ApprovalRuleKind, ApprovalRuleScope } from './quote-enums.js';

/**
 * A rule an admin sets: a quote that triggers it needs a sales manager's approval before it is sent.
 * A percentage rule (DISCOUNT_ABOVE, MARGIN_BELOW) has a scope and a percent; TOTAL_ABOVE an amount in
 * one currency (it does not apply to quotes in another: amounts are never converted).
 */
@Entity({ tableName: 'approval_rule' })
export class ApprovalRuleRecord {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** What people call it ("Discounts over 10%"), named in the approval request. */
  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: () => ApprovalRuleKind, length: 16 })
  kind!: ApprovalRuleKind;

  @Enum({ items: () => ApprovalRuleScope, length: 8, nullable: true })
  scope?: ApprovalRuleScope | null;

  /** Exact decimal text, 0 to 100. */
  @Property({ type: 'string', length: 20, nullable: true })
  percent?: string | null;

  @Property({ type: new BigIntType('number'), nullable: true })
  amountMinor?: number | null;

  @Property({ type: 'string', length: 3, nullable: true })
  currency?: string | null;

  /** An inactive rule is kept (approvals name it) but no longer asks for approval. */
  @Property({ type: 'boolean' })
  active!: boolean;

  @Property({ type: 'string', length: 400 })
  createdBy!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
