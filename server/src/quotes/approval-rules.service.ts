import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../db/clock.js';
import { type ApprovalRule, currencyMinorUnits, parseDecimal, toMinorUnits } from '../engine/index.js';
import { badInput, notFound } from '../errors.js';
import { ApprovalRuleRecord } from './approval-rule.entity.js';
import type { ApprovalRuleKind, ApprovalRuleScope } from './quote-enums.js';
import { engineRule } from './quote-figures.js';

/** An approval rule as an admin writes it (read by approvalRuleInput first: shapes and lengths). */
export interface NewApprovalRule {
  name: string;
  kind: ApprovalRuleKind;
  scope?: ApprovalRuleScope | null;
  /** DISCOUNT_ABOVE and MARGIN_BELOW: exact decimal text, 0 to 100. */
  percent?: string | null;
  /** TOTAL_ABOVE: exact decimal text in major units of `currency` ("20000.00"). */
  amount?: string | null;
  currency?: string | null;
  active?: boolean | null;
}

/** At most this many rules: each is checked on every quote read. */
export const MAX_APPROVAL_RULES = 50;

/** The rules an admin sets for when a quote needs a sales manager's approval. */
export class ApprovalRuleService {
  /** The active rules as the engine reads them, read once per request. */
  private active: Promise<ApprovalRule[]> | null = null;

  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ApprovalRuleRecord[]> {
    return this.em.find(ApprovalRuleRecord, {}, { orderBy: { id: 'asc' } });
  }

  /** The active rules, for the engine (remembered for the rest of the request). */
  async activeRules(): Promise<ApprovalRule[]> {
    this.active ??= this.em
      .find(ApprovalRuleRecord, { active: true }, { orderBy: { id: 'asc' } })
      .then((records) => records.map(engineRule));
    return this.active;
  }

  async create(input: NewApprovalRule, actor: string, field = 'input'): Promise<ApprovalRuleRecord> {
    if ((await this.em.count(ApprovalRuleRecord, {})) >= MAX_APPROVAL_RULES)
      throw badInput(field, `There are ${MAX_APPROVAL_RULES} approval rules already: delete one first`);
    const record = this.em.create(ApprovalRuleRecord, this.checked(input, actor, field));
    await this.em.flush();
    this.active = null;
    return record;
  }

  /** Replaces every rule by the ones given, in one transaction (each checked first: nothing is written if one is bad). */
  async replaceAll(inputs: readonly NewApprovalRule[], actor: string): Promise<ApprovalRuleRecord[]> {
    if (inputs.length > MAX_APPROVAL_RULES)
      throw badInput('rules', `At most ${MAX_APPROVAL_RULES} approval rules, not ${inputs.length}`);
    const rows = inputs.map((input, index) => this.checked(input, actor, `rules[${index}]`));
    const records = await this.em.transactional(async (em) => {
      await em.nativeDelete(ApprovalRuleRecord, {});
      const created = rows.map((row) => em.create(ApprovalRuleRecord, row));
      await em.flush();
      return created;
    });
    this.active = null;
    return records;
  }

  /** Deletes a rule (approvals already given keep its sentence). */
  async delete(id: number): Promise<ApprovalRuleRecord> {
    const record = await this.em.findOne(ApprovalRuleRecord, { id });
    if (!record) throw notFound('id', `There is no approval rule ${id}`);
    await this.em.removeAndFlush(record);
    this.active = null;
    return record;
  }

  /** The rule's row, or an error naming the field: a percentage rule needs a scope and a percent, a total an amount. */
  private checked(input: NewApprovalRule, actor: string, field: string): Omit<ApprovalRuleRecord, 'id'> {
    const base = {
      name: input.name,
      kind: input.kind,
      active: input.active ?? true,
      createdBy: actor,
      createdAt: this.clock.now(),
    };
    if (input.kind === 'TOTAL_ABOVE') {
      if (input.scope) throw badInput(`${field}.scope`, 'A total rule applies to the quote: leave scope out');
      if (input.percent) throw badInput(`${field}.percent`, 'A total rule has an amount, not a percent');
      const currency = input.currency ?? '';
      const digits = currencyMinorUnits(currency);
      if (digits === undefined)
        throw badInput(
          `${field}.currency`,
          `A total rule needs the ISO 4217 currency of its amount, not '${currency}'`,
        );
      const amount = parseDecimal(input.amount ?? '');
      if (!amount || amount.isNegative() || amount.decimalPlaces() > digits)
        throw badInput(
          `${field}.amount`,
          `The amount must be 0 or more with at most ${digits} decimals in ${currency}, not '${input.amount ?? ''}'`,
        );
      let amountMinor: number;
      try {
        amountMinor = toMinorUnits(amount, digits);
      } catch {
        throw badInput(`${field}.amount`, `The amount '${input.amount}' is too large`);
      }
      return { ...base, scope: null, percent: null, amountMinor, currency };
    }
    if (input.amount || input.currency)
      throw badInput(`${field}.amount`, 'A discount or margin rule has a percent, not an amount');
    if (!input.scope)
      throw badInput(`${field}.scope`, 'A discount or margin rule needs a scope: LINE or QUOTE');
    const percent = parseDecimal(input.percent ?? '');
    if (!percent || percent.isNegative() || percent.greaterThan(100))
      throw badInput(`${field}.percent`, `The percent must be from 0 to 100, not '${input.percent ?? ''}'`);
    return { ...base, scope: input.scope, percent: percent.toFixed(), amountMinor: null, currency: null };
  }
}
