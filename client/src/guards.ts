/**
 * Who may open which page: each route says it in its meta (`roles`: any of these; `signedIn`: anyone signed
 * in), and one guard before every navigation checks it against the session. An anonymous visitor is sent to
 * the sign-in page (which brings them back: `next`); a signed-in person without the role gets a page that
 * says so (never the sign-in page again, so nothing loops). The header shows a link only where this allows.
 */
import type { RouteLocationRaw, RouteMeta, Router } from 'vue-router';
import type { Session, SessionUser } from './composables/useSession';
import type { Role } from './graphql/graphql';

declare module 'vue-router' {
  interface RouteMeta {
    /** A message key of the `titles` area (router.ts shows it in the reader's language). */
    title?: string;
    /** The page is for people with any of these roles. */
    roles?: readonly Role[];
    /** The page is for anyone signed in. */
    signedIn?: boolean;
  }
}

export type Access = 'open' | 'sign-in' | 'not-allowed';

/** Whether a page with this meta opens for this user (null: anonymous). */
export function accessTo(meta: RouteMeta, me: SessionUser | null): Access {
  const roles = meta.roles;
  if (!roles && !meta.signedIn) return 'open';
  if (!me) return 'sign-in';
  if (roles && !me.roles.some((role) => roles.includes(role))) return 'not-allowed';
  return 'open';
}

/**
 * Where to go after signing in: only a path of this app ("/operations?x=1"); anything else (another site,
 * "//evil.example", "/\\evil.example", a missing value) is the catalogue.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return '/';
  }
  return next;
}

/** Whether the named route opens for the session's user (the header's links). */
export function mayOpen(router: Router, name: string, me: SessionUser | null): boolean {
  return accessTo(router.resolve({ name }).meta, me) === 'open';
}

/** Where the guard sends a navigation to `path` with this access; null: let it through. */
export function redirectFor(access: Access, path: string): RouteLocationRaw | null {
  if (access === 'sign-in') return { name: 'sign-in', query: { next: path } };
  if (access === 'not-allowed') return { name: 'not-allowed', query: { page: path } };
  return null;
}

export function installGuards(router: Router, session: Session): void {
  router.beforeEach(async (to) => {
    if (!to.meta.roles && !to.meta.signedIn) return true;
    await session.ensureKnown();
    return redirectFor(accessTo(to.meta, session.me.value), to.fullPath) ?? true;
  });
}

/**
 * After the server said the session has ended (another browser signed out everywhere, the user was
 * disabled): asks who this is again, and sends the visitor on as the guard would if the page is no longer
 * theirs to see.
 */
export function followSessionEnd(router: Router, session: Session): () => Promise<void> {
  // A page's several refused answers at once make one check.
  let running: Promise<void> | null = null;
  async function check(): Promise<void> {
    await session.refresh();
    const current = router.currentRoute.value;
    const target = redirectFor(accessTo(current.meta, session.me.value), current.fullPath);
    if (target) await router.replace(target);
  }
  return () => {
    running ??= check().finally(() => {
      running = null;
    });
    return running;
  };
}
