/** The roles and API scopes as the admin page names them. */
import { ApiScope, Role } from '../../graphql/graphql';

export const ROLE_LABELS: Record<Role, string> = {
  [Role.Customer]: 'Customer',
  [Role.Sales]: 'Sales',
  [Role.SalesManager]: 'Sales manager',
  [Role.Operations]: 'Operations',
  [Role.Admin]: 'Admin',
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

export const SCOPE_LABELS: Record<ApiScope, string> = {
  [ApiScope.CatalogRead]: 'catalog:read',
  [ApiScope.Configure]: 'configure',
  [ApiScope.OrdersWrite]: 'orders:write',
  [ApiScope.OrdersRead]: 'orders:read',
  [ApiScope.OperationsRead]: 'operations:read',
};

export const SCOPES = Object.keys(SCOPE_LABELS) as ApiScope[];

export const rolesText = (roles: readonly Role[]): string =>
  roles.map((role) => ROLE_LABELS[role]).join(', ');

/** "input.email" -> "email": the field a server error names, as the form's keys. */
export const fieldKey = (field: string | null): string | null =>
  field ? (field.split('.').pop() ?? null) : null;
