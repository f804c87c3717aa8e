import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { Role } from '../graphql/authorization.js';
import { AddressKind, CustomerAccountKind } from './customer-account.entity.js';

@ObjectType('AccountAddress', { description: 'A billing or delivery address of a customer account.' })
export class AddressView {
  @Field(() => Int)
  id!: number;

  @Field(() => AddressKind)
  kind!: AddressKind;

  @Field(() => String, { description: 'Who or which department receives it.' })
  recipient!: string;

  @Field(() => String)
  line1!: string;

  @Field(() => String, { nullable: true })
  line2!: string | null;

  @Field(() => String)
  postalCode!: string;

  @Field(() => String)
  city!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2, e.g. DE.' })
  country!: string;
}

@ObjectType('CustomerAccount', {
  description: 'A company or a private buyer: its contacts (users with the role CUSTOMER) order for it.',
})
export class CustomerAccountView {
  @Field(() => Int)
  id!: number;

  @Field(() => String)
  name!: string;

  @Field(() => CustomerAccountKind)
  kind!: CustomerAccountKind;

  @Field(() => String, { description: 'ISO 4217: the currency the account buys in.' })
  currency!: string;

  /** Its own price list's code (none: the default list of its currency), read by the `priceList` resolver. */
  priceListCode!: string | null;
}

@ObjectType('User', { description: 'A person who signs in: staff, or a customer account’s contact.' })
export class UserView {
  @Field(() => Int)
  id!: number;

  @Field(() => String, { description: 'What the person signs in with: trimmed, in lower case.' })
  email!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [Role])
  roles!: Role[];

  /** The account's id, read by the `account` field's resolver. */
  accountId!: number | null;

  @Field(() => Boolean, { description: 'A disabled user cannot sign in and has no session.' })
  disabled!: boolean;

  @Field(() => String, { description: 'ISO 8601, UTC.' })
  createdAt!: string;
}

@ObjectType({
  description:
    'An invited user and the one-time link to set a password (valid 7 days). The token is shown only here, once.',
})
export class Invitation {
  @Field(() => UserView)
  user!: UserView;

  @Field(() => String)
  token!: string;

  @Field(() => String, { description: 'Relative to the app: `/invitation/<token>`.' })
  link!: string;

  @Field(() => String, { description: 'ISO 8601, UTC.' })
  expiresAt!: string;
}

@InputType({ description: 'A person to invite: they set their own password through the invitation link.' })
export class InviteUserInput {
  @Field(() => String, { description: 'An e-mail address (name@domain.tld), at most 320 characters.' })
  email!: string;

  @Field(() => String, { description: '1 to 200 characters.' })
  name!: string;

  @Field(() => [Role], {
    description: 'At least one. CUSTOMER needs `accountId`; staff roles must have none.',
  })
  roles!: Role[];

  @Field(() => Int, { nullable: true, description: 'The customer account of a CUSTOMER.' })
  accountId?: number | null;
}

@InputType('AccountAddressInput', { description: 'A billing or delivery address of a customer account.' })
export class AddressInput {
  @Field(() => AddressKind)
  kind!: AddressKind;

  @Field(() => String, { description: 'Who or which department receives it: 1 to 200 characters.' })
  recipient!: string;

  @Field(() => String, { description: '1 to 200 characters.' })
  line1!: string;

  @Field(() => String, { nullable: true, description: 'At most 200 characters.' })
  line2?: string | null;

  @Field(() => String, { description: '1 to 20 characters.' })
  postalCode!: string;

  @Field(() => String, { description: '1 to 100 characters.' })
  city!: string;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2 (e.g. DE, AT, CH), upper or lower case.' })
  country!: string;
}

@InputType({ description: 'A new customer account.' })
export class NewCustomerAccountInput {
  @Field(() => String, { description: '1 to 200 characters.' })
  name!: string;

  @Field(() => CustomerAccountKind)
  kind!: CustomerAccountKind;

  @Field(() => String, { description: 'ISO 4217 (e.g. EUR, CHF, USD).' })
  currency!: string;

  @Field(() => [AddressInput], { nullable: true, description: 'At most 20.' })
  addresses?: AddressInput[] | null;
}
