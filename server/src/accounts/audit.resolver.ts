import type { EntityManager } from '@mikro-orm/core';
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver, UseMiddleware } from 'type-graphql';
import { z } from 'zod';
import { Allow, Role } from '../graphql/authorization.js';
import type { RequestContext } from '../graphql/context.js';
import { ValidArgs } from '../graphql/input-validation.js';
import { AuditAction, AuditRecord } from './audit-record.entity.js';

export const MAX_AUDIT_RECORDS = 200;

@ObjectType('AuditRecord', { description: 'A change to who may do what, and who made it.' })
export class AuditRecordView {
  @Field(() => String, { description: 'ISO 8601 date and time in UTC.' })
  at!: string;

  @Field(() => String, { description: 'The signed-in user who made the change (their e-mail).' })
  actor!: string;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => String, { description: '`user 12` or `API key mto_live_AbCd1234`.' })
  subject!: string;

  @Field(() => String, { nullable: true, description: 'What changed, e.g. the roles before and after.' })
  detail!: string | null;
}

const firstArgument = {
  first: z
    .number()
    .refine((n) => Number.isSafeInteger(n) && n >= 1 && n <= MAX_AUDIT_RECORDS, {
      error: (issue) =>
        `'first' must be a whole number from 1 to ${MAX_AUDIT_RECORDS}, not ${String(issue.input)}`,
    })
    .nullish(),
};

async function latest(em: EntityManager, first: number): Promise<AuditRecord[]> {
  return em.find(AuditRecord, {}, { orderBy: { at: 'desc', id: 'desc' }, limit: first });
}

@Resolver()
export class AuditResolver {
  @Query(() => [AuditRecordView], {
    description: `The latest changes to users and API keys (roles, disabling, invitations, key changes and revocations), newest first; \`first\`: 1 to ${MAX_AUDIT_RECORDS}, default 50.`,
  })
  @UseMiddleware(ValidArgs(firstArgument))
  @Allow({ users: [Role.ADMIN], scope: null })
  async accessAudit(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() { em }: RequestContext,
  ): Promise<AuditRecordView[]> {
    return (await latest(em, first ?? 50)).map((record) =>
      Object.assign(new AuditRecordView(), {
        at: record.at.toISOString(),
        actor: record.actor,
        action: record.action,
        subject: record.subject,
        detail: record.detail ?? null,
      }),
    );
  }
}
