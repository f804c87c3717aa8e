import { GraphQLError, type GraphQLSchema } from 'graphql';
import { type AuthChecker, Authorized, registerEnumType } from 'type-graphql';

/**
 * Who may do what. Every query and mutation carries one access rule (`@Allow`); a root field without one
 * stops the server at start (assertEveryOperationHasRule) and fails the authorization matrix test. The
 * rule is checked before the arguments are read, so a caller who may not call an operation learns
 * nothing from it but UNAUTHENTICATED or FORBIDDEN.
 */

/** What a signed-in person may do; a person may hold several roles. */
export const Role = {
  /** A buyer; belongs to a customer account. */
  CUSTOMER: 'CUSTOMER',
  /** A sales rep: quotes and orders on behalf of customer accounts. */
  SALES: 'SALES',
  /** Approves what a sales rep may not. */
  SALES_MANAGER: 'SALES_MANAGER',
  /** Plant staff: the board, materials, quality control and shipping. */
  OPERATIONS: 'OPERATIONS',
  /** Users, API keys and product models. */
  ADMIN: 'ADMIN',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES: readonly Role[] = Object.values(Role);

registerEnumType(Role, { name: 'Role', description: 'What a signed-in person may do.' });

/** What a partner's API key may do; the GraphQL enum's values name the scopes as `catalog:read` etc. */
export const ApiScope = {
  CATALOG_READ: 'catalog:read',
  CONFIGURE: 'configure',
  ORDERS_WRITE: 'orders:write',
  ORDERS_READ: 'orders:read',
  OPERATIONS_READ: 'operations:read',
  EVENTS_READ: 'events:read',
  WEBHOOKS_MANAGE: 'webhooks:manage',
} as const;
export type ApiScope = (typeof ApiScope)[keyof typeof ApiScope];
export const API_SCOPES: readonly ApiScope[] = Object.values(ApiScope);

registerEnumType(ApiScope, {
  name: 'ApiScope',
  description:
    'What a partner API key may do: CATALOG_READ (catalog:read), CONFIGURE (configure), ORDERS_WRITE ' +
    '(orders:write), ORDERS_READ (orders:read, its own account only), OPERATIONS_READ (operations:read), ' +
    'EVENTS_READ (events:read: the event feed, its own account only), WEBHOOKS_MANAGE (webhooks:manage: the key’s own webhook endpoints).',
});

/** Who is calling: nobody signed in, a person with a session, or a partner's API key. */
export type Viewer =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: number;
      email: string;
      name: string;
      roles: readonly Role[];
      /** The customer account a CUSTOMER belongs to. */
      accountId: number | null;
      /** The session's id (the hash of its cookie's token, never the token). */
      sessionId: string;
    }
  | {
      kind: 'apiKey';
      keyId: number;
      name: string;
      /** The key's public prefix (e.g. `mto_live_AbCd1234`), safe to log and show. */
      prefix: string;
      scopes: readonly ApiScope[];
      /** The customer account the key acts for; null for a partner organisation's key. */
      accountId: number | null;
    };

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'anonymous' });

/** The audit trail's name for who did something: the user's e-mail or the API key's prefix and name. */
export function actorOf(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'user':
      return viewer.email;
    case 'apiKey':
      return `API key ${viewer.prefix} (${viewer.name})`;
    default:
      return 'guest';
  }
}

export function hasRole(viewer: Viewer, ...roles: Role[]): boolean {
  return viewer.kind === 'user' && roles.some((role) => viewer.roles.includes(role));
}

/** Staff: anyone who sees internal data (BOM, suppliers, QC notes) of every account. */
export const STAFF_ROLES: readonly Role[] = [Role.SALES, Role.SALES_MANAGER, Role.OPERATIONS, Role.ADMIN];

export function isStaff(viewer: Viewer): boolean {
  return hasRole(viewer, ...STAFF_ROLES);
}

/**
 * One operation's rule. `users`: 'anyone' (anonymous visitors too), 'signed-in' (any person with a
 * session), or the roles of which a person needs one. `scope`: the scope an API key needs; null when no key
 * may call it.
 */
export interface AccessRule {
  users: 'anyone' | 'signed-in' | readonly Role[];
  scope: ApiScope | null;
}

const rules = new Map<string, AccessRule>();

/**
 * The access rule of a query, mutation or field resolver (type-graphql's @Authorized with our rule).
 * Root fields are recorded by name (every query and mutation name is unique) for the start-up check.
 */
export function Allow(rule: AccessRule): MethodDecorator & PropertyDecorator {
  const authorized = Authorized<AccessRule>(rule);
  return (target: object, propertyKey: string | symbol, descriptor?: PropertyDescriptor) => {
    if (typeof propertyKey === 'string' && !rules.has(propertyKey)) rules.set(propertyKey, rule);
    (authorized as (t: object, k: string | symbol, d?: PropertyDescriptor) => void)(
      target,
      propertyKey,
      descriptor,
    );
  };
}

/** The access rule of an object type's field (internal data): checked like @Allow, not recorded as an operation. */
export function AllowField(rule: AccessRule): MethodDecorator & PropertyDecorator {
  return Authorized<AccessRule>(rule);
}

/** The rule recorded for a root field; undefined when it has none (which the start-up check refuses). */
export function ruleOf(operation: string): AccessRule | undefined {
  return rules.get(operation);
}

/** A refusal: UNAUTHENTICATED (sign in or send a key) or FORBIDDEN (naming the role or scope missing). */
export function refusal(viewer: Viewer, rule: AccessRule, field: string): GraphQLError | null {
  if (viewer.kind === 'apiKey') {
    if (rule.scope === null)
      return new GraphQLError(`${field} cannot be called with an API key: sign in as a person.`, {
        extensions: { code: 'FORBIDDEN' },
      });
    if (viewer.scopes.includes(rule.scope)) return null;
    return new GraphQLError(
      `${field} needs the API key scope "${rule.scope}", which this key does not have.`,
      {
        extensions: { code: 'FORBIDDEN', missingScope: rule.scope },
      },
    );
  }
  if (rule.users === 'anyone') return null;
  if (viewer.kind === 'anonymous')
    return new GraphQLError(`${field} needs you to sign in (or an API key).`, {
      extensions: { code: 'UNAUTHENTICATED' },
    });
  if (rule.users === 'signed-in' || rule.users.some((role) => viewer.roles.includes(role))) return null;
  return new GraphQLError(`${field} needs the role ${rule.users.join(' or ')}.`, {
    extensions: { code: 'FORBIDDEN', missingRole: rule.users },
  });
}

/** Whether the viewer may call the root field (for answers served without running resolvers). */
export function mayCall(viewer: Viewer, operation: string): boolean {
  const rule = rules.get(operation);
  return rule !== undefined && refusal(viewer, rule, operation) === null;
}

/** type-graphql's check of @Allow: throws the refusal, so that its code and message reach the caller. */
export const authChecker: AuthChecker<{ viewer: Viewer }, AccessRule> = ({ context, info }, [rule]) => {
  const field = `${info.parentType.name}.${info.fieldName}`;
  if (rule === undefined)
    throw new GraphQLError(`${field} has no access rule.`, { extensions: { code: 'FORBIDDEN' } });
  const refused = refusal(context.viewer, rule, field);
  if (refused) throw refused;
  return true;
};

/** Deny by default: the server does not start with a query or mutation that has no access rule. */
export function assertEveryOperationHasRule(schema: GraphQLSchema): void {
  const missing: string[] = [];
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    if (!type) continue;
    for (const name of Object.keys(type.getFields())) {
      if (!rules.has(name)) missing.push(`${type.name}.${name}`);
    }
  }
  if (missing.length > 0)
    throw new Error(
      `Every operation needs an @Allow rule (graphql/authorization.ts); none on ${missing.join(', ')}`,
    );
}
