import {
  Collection,
  Entity,
  Enum,
  ManyToOne,
  OneToMany,
  PrimaryKey,
  Property,
  type Rel,
} from '@mikro-orm/core';
import { registerEnumType } from 'type-graphql';

export const CustomerAccountKind = { COMPANY: 'COMPANY', PRIVATE: 'PRIVATE' } as const;
export type CustomerAccountKind = (typeof CustomerAccountKind)[keyof typeof CustomerAccountKind];
registerEnumType(CustomerAccountKind, {
  name: 'CustomerAccountKind',
  description: 'A company (B2B) or a private buyer.',
});

export const AddressKind = { BILLING: 'BILLING', DELIVERY: 'DELIVERY' } as const;
export type AddressKind = (typeof AddressKind)[keyof typeof AddressKind];
registerEnumType(AddressKind, { name: 'AddressKind', description: 'What an address of an account is for.' });

/**
 * A customer account: a company or a private buyer. Its contacts are users with the role CUSTOMER; its
 * orders and saved configurations are its own, and only its contacts, its keys and staff see them.
 */
@Entity({ tableName: 'customer_account' })
export class CustomerAccount {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', length: 200 })
  name!: string;

  @Enum({ items: () => CustomerAccountKind, length: 16 })
  kind!: CustomerAccountKind;

  /** ISO 4217: the currency the account buys in. */
  @Property({ type: 'string', length: 3 })
  currency!: string;

  /** The price list the account buys by (a contract list); none: the default list of its currency. */
  @Property({ type: 'string', length: 64, nullable: true })
  priceListCode?: string | null;

  @Property({ type: 'datetime' })
  createdAt!: Date;

  /** Who created the account (the actor's audit name). */
  @Property({ type: 'string', length: 200, nullable: true })
  createdBy?: string | null;

  @OneToMany(
    () => Address,
    (address) => address.account,
  )
  addresses = new Collection<Address>(this);
}

/** A billing or delivery address of a customer account. */
@Entity({ tableName: 'account_address' })
export class Address {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => CustomerAccount, { deleteRule: 'cascade' })
  account!: Rel<CustomerAccount>;

  @Enum({ items: () => AddressKind, length: 16 })
  kind!: AddressKind;

  /** Who or which department receives it. */
  @Property({ type: 'string', length: 200 })
  recipient!: string;

  @Property({ type: 'string', length: 200 })
  line1!: string;

  @Property({ type: 'string', length: 200, nullable: true })
  line2?: string | null;

  @Property({ type: 'string', length: 20 })
  postalCode!: string;

  @Property({ type: 'string', length: 100 })
  city!: string;

  /** ISO 3166-1 alpha-2. */
  @Property({ type: 'string', length: 2 })
  country!: string;

  /** Who added the address (the actor's audit name). */
  @Property({ type: 'string', length: 200, nullable: true })
  createdBy?: string | null;
}
