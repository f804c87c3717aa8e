import { Entity, ManyToOne, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import type { Role } from '../graphql/authorization.js';
import { CustomerAccount } from './customer-account.entity.js';

/** A person who signs in: staff, or a customer account's contact (role CUSTOMER). */
@Entity({ tableName: 'app_user' })
export class User {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** Lower-cased and trimmed: what a person signs in with. */
  @Unique()
  @Property({ type: 'string', length: 320 })
  email!: string;

  @Property({ type: 'string', length: 200 })
  name!: string;

  /** argon2id (PHC string); null until an invited user sets a password. */
  @Property({ type: 'string', length: 200, nullable: true })
  passwordHash?: string | null;

  @Property({ type: 'json' })
  roles!: Role[];

  /** The customer account a CUSTOMER belongs to. */
  @ManyToOne(() => CustomerAccount, { nullable: true, deleteRule: 'restrict' })
  account?: Rel<CustomerAccount> | null;

  /** A disabled user cannot sign in and has no session. */
  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;

  /** Who disabled the user (the actor's audit name). */
  @Property({ type: 'string', length: 200, nullable: true })
  disabledBy?: string | null;

  /** SHA-256 (hex) of a pending invitation's token; cleared when it is accepted. */
  @Unique()
  @Property({ type: 'string', length: 64, nullable: true })
  invitationTokenHash?: string | null;

  @Property({ type: 'datetime', nullable: true })
  invitationExpiresAt?: Date | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** Who created or invited the user (the actor's audit name: an admin's e-mail, `user:create`, `demo data`). */
  @Property({ type: 'string', length: 200, nullable: true })
  createdBy?: string | null;
}
