import { Entity, ManyToOne, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { CustomerAccount } from '../accounts/customer-account.entity.js';
import { User } from '../accounts/user.entity.js';

/** A configuration someone saved to share: a short code restores exactly the same state. */
@Entity({ tableName: 'saved_configuration' })
export class SavedConfiguration {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Unique()
  @Property({ type: 'string', length: 32 })
  code!: string;

  @Property({ type: 'string', length: 100 })
  productCode!: string;

  @Property({ type: 'integer' })
  modelVersion!: number;

  /**
   * The choices as sent (the model's defaults apply again when opened), each with whether the person
   * picked it or kept it as filled in for them (no source: picked; saved before sources were kept).
   */
  @Property({ type: 'json' })
  selections!: {
    feature: string;
    value?: string | null;
    values?: string[] | null;
    source?: 'CHOSEN' | 'DEFAULT';
  }[];

  @Property({ type: 'integer' })
  quantity!: number;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** Who saved it, when signed in: "My saved configurations" lists a user's own. Anyone with the code opens it. */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  savedBy?: Rel<User> | null;

  /** The customer account it was saved for (the customer's own, or the one a sales rep worked for). */
  @ManyToOne(() => CustomerAccount, { nullable: true, deleteRule: 'set null' })
  account?: Rel<CustomerAccount> | null;
}
