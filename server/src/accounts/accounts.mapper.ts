import { AddressView, CustomerAccountView, UserView } from './accounts.types.js';
import type { Address, CustomerAccount } from './customer-account.entity.js';
import type { User } from './user.entity.js';

export function toUserView(user: User): UserView {
  return Object.assign(new UserView(), {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: [...user.roles],
    accountId: user.account ? user.account.id : null,
    disabled: Boolean(user.disabledAt),
    createdAt: user.createdAt.toISOString(),
  });
}

export function toCustomerAccountView(account: CustomerAccount): CustomerAccountView {
  return Object.assign(new CustomerAccountView(), {
    id: account.id,
    name: account.name,
    kind: account.kind,
    currency: account.currency,
    priceListCode: account.priceListCode ?? null,
  });
}

export function toAddressView(address: Address): AddressView {
  return Object.assign(new AddressView(), {
    id: address.id,
    kind: address.kind,
    recipient: address.recipient,
    line1: address.line1,
    line2: address.line2 ?? null,
    postalCode: address.postalCode,
    city: address.city,
    country: address.country,
  });
}
