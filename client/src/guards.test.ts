// Who may open which page: the real route table's meta, the guard on a router (pages stubbed), and the
// header's links per role, against an endpoint that answers `me` as the server does.
import { Client, fetchExchange } from '@urql/core';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter, type RouteRecordRaw } from 'vue-router';
import App from './App.vue';
import { createSession, SESSION, type SessionUser } from './composables/useSession';
import { Role } from './graphql/graphql';
import { accessTo, followSessionEnd, installGuards, safeNext } from './guards';
import { routes } from './router';

const user = (roles: Role[], name = 'Someone'): SessionUser => ({
  id: 1,
  email: `${name.toLowerCase()}@demo.example`,
  name,
  roles,
  account: roles.includes(Role.Customer)
    ? { id: 1, name: 'Demo Customer GmbH', currency: 'EUR', priceList: null }
    : null,
});

/** A session whose server answers `me` with this user (null: anonymous; a list: one answer each, the last one
 * kept); counts the questions. */
function sessionOf(me: SessionUser | null | (SessionUser | null)[]) {
  const asked: string[] = [];
  const answers = Array.isArray(me) ? [...me] : [me];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    asked.push((JSON.parse(String(init?.body)) as { operationName: string }).operationName);
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    return new Response(JSON.stringify({ data: { me: answer } }), {
      headers: { 'content-type': 'application/json' },
    });
  };
  const client = new Client({
    url: 'http://app.test/graphql',
    exchanges: [fetchExchange],
    fetch,
    preferGetMethod: false,
  });
  return { session: createSession(client, { meTimeoutMs: 0 }), asked };
}

/** The app's routes with every page stubbed (the meta is what is tested). */
function routerWith(me: SessionUser | null | (SessionUser | null)[]) {
  const stub = { template: '<main>page</main>' };
  const stubbed = routes.map((route) => ({ ...route, component: stub }) as RouteRecordRaw);
  const router = createRouter({ history: createMemoryHistory(), routes: stubbed });
  const { session, asked } = sessionOf(me);
  installGuards(router, session);
  return { router, session, asked };
}

async function landing(me: SessionUser | null, path: string): Promise<string> {
  const { router } = routerWith(me);
  await router.push(path);
  return router.currentRoute.value.fullPath;
}

const ANONYMOUS = null;
const CUSTOMER = user([Role.Customer], 'Customer');
const SALES = user([Role.Sales], 'Sales');
const MANAGER = user([Role.SalesManager], 'Manager');
const OPS = user([Role.Operations], 'Ops');
const ADMIN = user([Role.Admin], 'Admin');

describe('accessTo', () => {
  it('opens a page without meta to anyone', () => {
    expect(accessTo({}, ANONYMOUS)).toBe('open');
  });

  it('sends an anonymous visitor to sign in, and refuses a signed-in person without the role', () => {
    expect(accessTo({ roles: [Role.Operations] }, ANONYMOUS)).toBe('sign-in');
    expect(accessTo({ signedIn: true }, ANONYMOUS)).toBe('sign-in');
    expect(accessTo({ roles: [Role.Operations] }, CUSTOMER)).toBe('not-allowed');
    expect(accessTo({ roles: [Role.Operations, Role.Admin] }, ADMIN)).toBe('open');
    expect(accessTo({ signedIn: true }, CUSTOMER)).toBe('open');
  });
});

describe('safeNext', () => {
  it.each([
    ['/operations?x=1', '/operations?x=1'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example', '/'],
    [undefined, '/'],
    [['/a'], '/'],
  ])('%j -> %s', (given, expected) => {
    expect(safeNext(given)).toBe(expected);
  });
});

describe('the route guard', () => {
  it.each([
    [ANONYMOUS, '/operations', '/sign-in?next=/operations'],
    [ANONYMOUS, '/my/orders', '/sign-in?next=/my/orders'],
    [ANONYMOUS, '/orders/MTO-AB12-CD34', '/sign-in?next=/orders/MTO-AB12-CD34'],
    [ANONYMOUS, '/track/abc', '/track/abc'],
    [ANONYMOUS, '/orders', '/orders'],
    [CUSTOMER, '/operations', '/not-allowed?page=/operations'],
    [CUSTOMER, '/admin', '/not-allowed?page=/admin'],
    [CUSTOMER, '/my/orders', '/my/orders'],
    [CUSTOMER, '/my/configurations', '/my/configurations'],
    [SALES, '/materials', '/not-allowed?page=/materials'],
    [SALES, '/sales/quotes?status=SENT', '/sales/quotes?status=SENT'],
    [SALES, '/sales/quotes/12', '/sales/quotes/12'],
    [SALES, '/sales/accounts/3', '/sales/accounts/3'],
    [SALES, '/sales/approvals', '/not-allowed?page=/sales/approvals'],
    [MANAGER, '/sales/approvals', '/sales/approvals'],
    [MANAGER, '/sales/quotes', '/sales/quotes'],
    [CUSTOMER, '/sales/quotes', '/not-allowed?page=/sales/quotes'],
    [OPS, '/sales/accounts', '/not-allowed?page=/sales/accounts'],
    [ANONYMOUS, '/sales/quotes', '/sign-in?next=/sales/quotes'],
    [ANONYMOUS, '/quote/a-token', '/quote/a-token'],
    [OPS, '/operations', '/operations'],
    [OPS, '/operations/orders/MTO-1/quality', '/operations/orders/MTO-1/quality'],
    [OPS, '/materials', '/materials'],
    [OPS, '/admin', '/not-allowed?page=/admin'],
    [ADMIN, '/admin', '/admin'],
    [ADMIN, '/materials', '/materials'],
    [ADMIN, '/operations', '/not-allowed?page=/operations'],
  ])('%o opening %s lands on %s', async (me, path, expected) => {
    expect(decodeURIComponent(await landing(me, path))).toBe(expected);
  });

  it('never loops: the sign-in and not-allowed pages open for everyone', async () => {
    expect(await landing(CUSTOMER, '/not-allowed?page=/admin')).toBe('/not-allowed?page=/admin');
    expect(await landing(ANONYMOUS, '/sign-in')).toBe('/sign-in');
    expect(await landing(CUSTOMER, '/sign-in')).toBe('/sign-in');
  });

  it('does not wait for the session on a public page, and asks once for guarded ones', async () => {
    const { router, asked } = routerWith(OPS);
    await router.push('/');
    expect(asked).toEqual([]);
    await router.push('/operations');
    await router.push('/materials');
    expect(asked).toEqual(['Me']);
  });
});

describe('when the server says the session has ended', () => {
  it('asks who this is again and sends a visitor whose page is no longer theirs to sign in (once for many answers)', async () => {
    const { router, session, asked } = routerWith([OPS, null]);
    await router.push('/operations');
    expect(router.currentRoute.value.fullPath).toBe('/operations');
    const ended = followSessionEnd(router, session);
    await Promise.all([ended(), ended(), ended()]);
    expect(asked).toEqual(['Me', 'Me']);
    expect(decodeURIComponent(router.currentRoute.value.fullPath)).toBe('/sign-in?next=/operations');
  });

  it('leaves a public page where it is', async () => {
    const { router, session } = routerWith([CUSTOMER, null]);
    await session.ensureKnown();
    await router.push('/configure/standing-desk');
    await followSessionEnd(router, session)();
    expect(router.currentRoute.value.fullPath).toBe('/configure/standing-desk');
    expect(session.signedIn.value).toBe(false);
  });
});

describe('the header', () => {
  async function header(me: SessionUser | null) {
    const { router, session } = routerWith(me);
    await session.ensureKnown();
    await router.push('/');
    const wrapper = mount(App, { global: { plugins: [router], provide: { [SESSION as symbol]: session } } });
    await flushPromises();
    const has = (id: string) => wrapper.find(`[data-testid="${id}"]`).exists();
    return {
      wrapper,
      links: ['sales-quotes', 'sales-approvals', 'sales-accounts', 'operations', 'materials', 'admin'].filter(
        (name) => has(`nav-${name}`),
      ),
      has,
    };
  }

  it('shows staff links only to the roles that may open them', async () => {
    expect((await header(ANONYMOUS)).links).toEqual([]);
    expect((await header(CUSTOMER)).links).toEqual([]);
    expect((await header(SALES)).links).toEqual(['sales-quotes', 'sales-accounts']);
    expect((await header(MANAGER)).links).toEqual(['sales-quotes', 'sales-approvals', 'sales-accounts']);
    expect((await header(OPS)).links).toEqual(['operations', 'materials']);
    expect((await header(ADMIN)).links).toEqual(['sales-quotes', 'sales-accounts', 'materials', 'admin']);
  });

  it('offers an anonymous visitor to sign in, and a signed-in person their account menu', async () => {
    const anonymous = await header(ANONYMOUS);
    expect(anonymous.has('nav-sign-in')).toBe(true);
    expect(anonymous.has('account-menu')).toBe(false);
    const customer = await header(CUSTOMER);
    expect(customer.has('nav-sign-in')).toBe(false);
    expect(customer.wrapper.get('[data-testid="account-name"]').text()).toBe('Customer');
    for (const item of [
      'menu-my-orders',
      'menu-my-configurations',
      'menu-change-password',
      'sign-out',
      'sign-out-everywhere',
    ])
      expect(customer.has(item), item).toBe(true);
  });
});
