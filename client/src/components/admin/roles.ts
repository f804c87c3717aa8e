/** The roles and API scopes as the admin page names them. */
import { ApiScope, Role } from '../../graphql/graphql';
import { i18n } from '../../i18n';

/** The roles in the admin page's order. */
export const ROLES: readonly Role[] = [
  Role.Customer,
  Role.Sales,
  Role.SalesManager,
  Role.Operations,
  Role.Admin,
];

/** A role in the reader's language: "Sales manager". */
export const roleLabel = (role: Role): string => i18n.global.t(`admin.roles.${role}`);

export const SCOPE_LABELS: Record<ApiScope, string> = {
  [ApiScope.CatalogRead]: 'catalog:read',
  [ApiScope.Configure]: 'configure',
  [ApiScope.OrdersWrite]: 'orders:write',
  [ApiScope.OrdersRead]: 'orders:read',
  [ApiScope.OperationsRead]: 'operations:read',
  [ApiScope.EventsRead]: 'events:read',
  [ApiScope.WebhooksManage]: 'webhooks:manage',
};

export const SCOPES = Object.keys(SCOPE_LABELS) as ApiScope[];

export const rolesText = (roles: readonly Role[]): string => roles.map(roleLabel).join(', ');

/** "input.email" -> "email": the field a server error names, as the form's keys. */
export const fieldKey = (field: string | null): string | null =>
  field ? (field.split('.').pop() ?? null) : null;
