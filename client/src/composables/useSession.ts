/**
 * Who is signed in on this browser, for the whole app: the header, the route guards and the pages read
 * one session (made once in main.ts, given to components by provide/inject). The session cookie itself is
 * httpOnly: the client never sees it and learns who it is only by asking the server (`me`), once at start
 * and again after each sign-in or sign-out.
 */
import type { Client } from '@urql/core';
import { type ComputedRef, computed, type InjectionKey, inject, type Ref, ref } from 'vue';
import {
  MeDocument,
  Role,
  type SessionUserFragment,
  SignInDocument,
  SignOutDocument,
  SignOutEverywhereDocument,
} from '../graphql/graphql';
import { formatLocale, i18n } from '../i18n';
import { queryThrough, type Remote, toRemote } from './useServer';

export type SessionUser = SessionUserFragment;

/** The roles that work in the company (they see every order, in full). */
export const STAFF_ROLES: readonly Role[] = [Role.Sales, Role.SalesManager, Role.Operations, Role.Admin];

/** A refusal in words, with what the page needs to place it: the field, and when to try again. */
export interface Refusal {
  ok: false;
  /** The server's code (UNAUTHENTICATED, TOO_MANY_REQUESTS, BAD_USER_INPUT...), or UNREACHABLE. */
  code: string;
  message: string;
  /** The argument the server names (email, password, input.email...); null for the whole form. */
  field: string | null;
  /** TOO_MANY_REQUESTS: seconds until the next attempt is allowed. */
  retryAfterSeconds: number | null;
}

export type Outcome<T> = { ok: true; value: T } | Refusal;

/**
 * A refusal in the reader's language: the codes every page may meet in our own words (the server writes
 * English), anything else (BAD_USER_INPUT's field-specific text) as the server said it.
 */
export function refusalText(code: string, serverMessage: string, retryAfterSeconds: number | null): string {
  const { t } = i18n.global;
  switch (code) {
    case 'UNREACHABLE':
      return t('errors.unreachable');
    case 'TOO_MANY_REQUESTS': {
      if (retryAfterSeconds === null) return serverMessage;
      const minutes = Math.ceil(retryAfterSeconds / 60);
      const time = formatTime(new Date(Date.now() + retryAfterSeconds * 1000));
      return t('errors.tooManyAttempts', { minutes, time }, minutes);
    }
    case 'RATE_LIMITED':
      return t('errors.rateLimited', { seconds: retryAfterSeconds ?? 60 });
    case 'UNAUTHENTICATED':
      return t('errors.signInAgain');
    case 'FORBIDDEN':
      return t('errors.forbidden');
    case 'REQUEST_TIMEOUT':
      return t('errors.timeout');
    case 'INTERNAL_SERVER_ERROR':
      return t('errors.internal');
    default:
      return serverMessage;
  }
}

/** A clock time in the reader's locale ("16:45", "4:45 PM"). */
function formatTime(at: Date): string {
  return new Intl.DateTimeFormat(formatLocale.value, { timeStyle: 'short' }).format(at);
}

/**
 * What is wrong with a new password before it is sent, as a message key (the server's rules: 10 to 200
 * characters, not the e-mail address); null: nothing. `email` null when the page does not know it.
 */
export function passwordProblem(password: string, email: string | null): string | null {
  const length = [...password].length;
  if (length < 10) return 'account.password.tooShort';
  if (length > 200) return 'account.password.tooLong';
  if (email && password.trim().toLowerCase() === email.trim().toLowerCase())
    return 'account.password.notEmail';
  return null;
}

/** A server answer as an outcome: the data, or the first error in words (with its field and wait). */
export function outcomeOf<T>(answer: Remote<T>): Outcome<T> {
  if (answer.kind === 'ok') return { ok: true, value: answer.data };
  if (answer.kind === 'down') {
    return {
      ok: false,
      code: 'UNREACHABLE',
      message: refusalText('UNREACHABLE', answer.message, null),
      field: null,
      retryAfterSeconds: null,
    };
  }
  const first = answer.errors[0];
  const field = first?.extensions?.field;
  const retry = first?.extensions?.retryAfterSeconds;
  const code = String(first?.extensions?.code ?? 'ERROR');
  const retryAfterSeconds = typeof retry === 'number' ? retry : null;
  return {
    ok: false,
    code,
    message: refusalText(code, first?.message ?? answer.message, retryAfterSeconds),
    field: typeof field === 'string' ? field : null,
    retryAfterSeconds,
  };
}

export interface Session {
  /** The signed-in user; null for an anonymous visitor (or before the first answer). */
  readonly me: Readonly<Ref<SessionUser | null>>;
  /** Whether the server has answered who this is at least once (or could not be reached). */
  readonly known: Readonly<Ref<boolean>>;
  readonly roles: ComputedRef<readonly Role[]>;
  readonly signedIn: ComputedRef<boolean>;
  readonly isStaff: ComputedRef<boolean>;
  hasAnyRole(roles: readonly Role[]): boolean;
  /** Asks the server once (later calls wait for that same answer). */
  ensureKnown(): Promise<void>;
  /** Asks the server again (after a sign-in, a sign-out, a password change elsewhere). */
  refresh(): Promise<void>;
  signIn(email: string, password: string): Promise<Outcome<SessionUser>>;
  /** Ends this browser's session; the visitor is anonymous afterwards even when the server was not reached. */
  signOut(): Promise<Outcome<boolean>>;
  /** Ends every session of this user; answers how many ended. */
  signOutEverywhere(): Promise<Outcome<number>>;
  /** A user the server answered some other way (accepting an invitation signs in). */
  adopt(user: SessionUser | null): void;
}

/**
 * The app's session, asking through the app's GraphQL client. `meTimeoutMs`: a server that does not answer
 * who this is within it counts as unreachable (the guards do not wait for ever); 0: no limit.
 */
export function createSession(client: Client, { meTimeoutMs = 10_000 } = {}): Session {
  const me = ref<SessionUser | null>(null);
  const known = ref(false);
  let pending: Promise<void> | null = null;
  const roles = computed<readonly Role[]>(() => me.value?.roles ?? []);
  const hasAnyRole = (wanted: readonly Role[]) => roles.value.some((role) => wanted.includes(role));

  async function ask(): Promise<void> {
    const answer = await queryThrough(
      client,
      MeDocument,
      {},
      meTimeoutMs > 0 ? { timeoutMs: meTimeoutMs } : {},
    );
    // Not reachable: stays as it was (anonymous at first); the guards then send to the sign-in page.
    if (answer.kind === 'ok') me.value = answer.data.me ?? null;
    else if (answer.kind === 'error') me.value = null;
    known.value = true;
  }

  function refresh(): Promise<void> {
    pending = ask().finally(() => {
      pending = null;
    });
    return pending;
  }

  return {
    me,
    known,
    roles,
    signedIn: computed(() => me.value !== null),
    isStaff: computed(() => hasAnyRole(STAFF_ROLES)),
    hasAnyRole,
    ensureKnown: () => (known.value ? Promise.resolve() : (pending ?? refresh())),
    refresh,
    async signIn(email, password) {
      const outcome = outcomeOf(
        toRemote(await client.mutation(SignInDocument, { email, password }).toPromise()),
      );
      // Signing in, UNAUTHENTICATED is the one answer to a wrong e-mail, a wrong password or a disabled user.
      if (!outcome.ok && outcome.code === 'UNAUTHENTICATED') {
        return { ...outcome, message: i18n.global.t('errors.wrongCredentials') };
      }
      if (!outcome.ok) return outcome;
      me.value = outcome.value.signIn;
      known.value = true;
      return { ok: true, value: outcome.value.signIn };
    },
    async signOut() {
      const outcome = outcomeOf(toRemote(await client.mutation(SignOutDocument, {}).toPromise()));
      me.value = null;
      return outcome.ok ? { ok: true, value: outcome.value.signOut } : outcome;
    },
    async signOutEverywhere() {
      const outcome = outcomeOf(toRemote(await client.mutation(SignOutEverywhereDocument, {}).toPromise()));
      if (!outcome.ok) return outcome;
      me.value = null;
      return { ok: true, value: outcome.value.signOutEverywhere };
    },
    adopt(user) {
      me.value = user;
      known.value = true;
    },
  };
}

export const SESSION: InjectionKey<Session> = Symbol('session');

/** Call in a component's setup: the app's session (main.ts provides it). */
export function useSession(): Session {
  const session = inject(SESSION);
  if (!session)
    throw new Error('useSession: no session provided (main.ts provides it with app.provide(SESSION, ...))');
  return session;
}
