import { Arg, Ctx, Int, Mutation, Query, Resolver, UseMiddleware } from 'type-graphql';
import { currencyMinorUnits } from '../engine/index.js';
import { Allow, Role } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidArgs } from '../graphql/input-validation.js';
import type { ApprovalRuleRecord } from './approval-rule.entity.js';
import type { NewApprovalRule } from './approval-rules.service.js';
import {
  approvalRuleIdArgument,
  createApprovalRuleArguments,
  setApprovalRulesArguments,
} from './quote.inputs.js';
import { toApprovalRule } from './quote.mapper.js';
import { ApprovalRule, ApprovalRuleInput } from './quote.types.js';

const ADMINS = { users: [Role.ADMIN], scope: null } as const;

const toRule = (record: ApprovalRuleRecord) =>
  toApprovalRule(record, (currency) => currencyMinorUnits(currency) ?? 2);

/** The rules for when a quote needs a sales manager's approval: admins set them, managers read them. */
@Resolver()
export class ApprovalRuleResolver {
  @Query(() => [ApprovalRule], {
    description: 'Every approval rule, active or not, in the order they were made.',
  })
  @Allow({ users: [Role.ADMIN, Role.SALES_MANAGER], scope: null })
  async approvalRules(@Ctx() { approvalRules }: RequestContext): Promise<ApprovalRule[]> {
    return (await approvalRules.list()).map(toRule);
  }

  @Mutation(() => ApprovalRule, {
    description:
      'A new approval rule. DISCOUNT_ABOVE and MARGIN_BELOW need a scope and a percent; TOTAL_ABOVE an amount and its currency. Bad input is BAD_USER_INPUT naming the field.',
  })
  @UseMiddleware(ValidArgs(createApprovalRuleArguments))
  @Allow(ADMINS)
  async createApprovalRule(
    @Arg('input', () => ApprovalRuleInput) input: NewApprovalRule,
    @Ctx() { approvalRules, actor }: RequestContext,
  ): Promise<ApprovalRule> {
    return toRule(await approvalRules.create(input, actor));
  }

  @Mutation(() => [ApprovalRule], {
    description:
      'Replaces every approval rule by the ones given, at once (nothing is written if one is bad).',
  })
  @UseMiddleware(ValidArgs(setApprovalRulesArguments))
  @Allow(ADMINS)
  async setApprovalRules(
    @Arg('rules', () => [ApprovalRuleInput]) rules: NewApprovalRule[],
    @Ctx() { approvalRules, actor }: RequestContext,
  ): Promise<ApprovalRule[]> {
    return (await approvalRules.replaceAll(rules, actor)).map(toRule);
  }

  @Mutation(() => ApprovalRule, { description: 'Deletes a rule; approvals already given keep its sentence.' })
  @UseMiddleware(ValidArgs(approvalRuleIdArgument))
  @Allow(ADMINS)
  async deleteApprovalRule(
    @Arg('id', () => Int) id: number,
    @Ctx() { approvalRules }: RequestContext,
  ): Promise<ApprovalRule> {
    return toRule(await approvalRules.delete(id));
  }
}
