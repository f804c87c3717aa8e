import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';

/** What was done to a user or a key, as the audit trail names it. */
export const AuditAction = {
  USER_INVITED: 'USER_INVITED',
  USER_ROLES_CHANGED: 'USER_ROLES_CHANGED',
  USER_DISABLED: 'USER_DISABLED',
  USER_ENABLED: 'USER_ENABLED',
  PASSWORD_SET: 'PASSWORD_SET',
  API_KEY_CREATED: 'API_KEY_CREATED',
  API_KEY_UPDATED: 'API_KEY_UPDATED',
  API_KEY_REVOKED: 'API_KEY_REVOKED',
  ACCOUNT_PRICE_LIST_SET: 'ACCOUNT_PRICE_LIST_SET',
} as const;
export type AuditAction = (typeof AuditAction)[keyof typeof AuditAction];
registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What was done to a user, an API key, or what a customer account is priced by.',
});

/**
 * One change to who may do what, with who made it (the signed-in admin's e-mail, never text from the
 * request): written in the same flush as the change it records.
 */
@Entity({ tableName: 'access_audit' })
@Index({ properties: ['at'] })
export class AuditRecord {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'datetime' })
  at!: Date;

  @Property({ type: 'string', length: 400 })
  actor!: string;

  @Enum({ items: () => AuditAction, length: 32 })
  action!: AuditAction;

  /** What it was done to: `user 12`, `API key mto_live_AbCd1234` or `customer account 3`. */
  @Property({ type: 'string', length: 100 })
  subject!: string;

  /** What changed, e.g. the new roles; no secrets, no personal data beyond the subject's id. */
  @Property({ type: 'string', length: 500, nullable: true })
  detail?: string | null;
}
