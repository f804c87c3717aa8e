import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/** Who ordered: found by e-mail, so that a returning customer's orders stay together. */
@Entity({ tableName: 'customer' })
export class Customer {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Unique()
  @Property({ type: 'string', length: 320 })
  email!: string;

  @Property({ type: 'datetime' })
  createdAt!: Date;
}
