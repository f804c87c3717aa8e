// The quotes list against a stand-in for the server: the filters in the URL are the filter sent, the form
// puts new ones in the URL, and the pipeline and rows are the server's.
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { computed, ref, shallowRef } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { usd } from '../../components/sales/test-fixtures';
import { SESSION, type Session } from '../../composables/useSession';
import {
  QuoteStatus,
  Role,
  SalesAccountsDocument,
  SalesQuotesDocument,
  StartQuoteDocument,
} from '../../graphql/graphql';
import QuotesPage from './QuotesPage.vue';

const PAGE = {
  totalCount: 1,
  pageInfo: { hasNextPage: false, endCursor: null },
  pipeline: [
    { status: QuoteStatus.Sent, currency: 'USD', count: 1, total: usd('2508.00') },
    { status: QuoteStatus.Sent, currency: 'EUR', count: 2, total: { amount: '4100.00', currency: 'EUR' } },
  ],
  edges: [
    {
      node: {
        id: 42,
        reference: 'Q-2026-000042-R1',
        status: QuoteStatus.Sent,
        account: { id: 3, name: 'Lakeside Design Inc.' },
        totals: { total: usd('2508.00') },
        validUntil: '2026-12-31',
        createdBy: 'sam@sales.example',
      },
    },
  ],
};

async function mountList(url: string) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sales/quotes', name: 'sales-quotes', component: QuotesPage },
      { path: '/sales/quotes/:id', name: 'sales-quote', component: { template: '<p>editor</p>' } },
      { path: '/sales/accounts', name: 'sales-accounts', component: { template: '<p/>' } },
      { path: '/sales/accounts/:id', name: 'sales-account', component: { template: '<p/>' } },
    ],
  });
  const queries: { doc: unknown; variables: Record<string, unknown> }[] = [];
  const mutations: { doc: unknown; variables: Record<string, unknown> }[] = [];
  const client = {
    query: vi.fn((doc: unknown, variables: Record<string, unknown>) => {
      queries.push({ doc, variables });
      const data =
        doc === SalesAccountsDocument
          ? { customerAccounts: [{ id: 3, name: 'Lakeside Design Inc.', kind: 'COMPANY', currency: 'USD' }] }
          : { quotes: PAGE };
      return { toPromise: () => Promise.resolve({ data }) };
    }),
    mutation: vi.fn((doc: unknown, variables: Record<string, unknown>) => {
      mutations.push({ doc, variables });
      return {
        toPromise: () =>
          Promise.resolve({ data: { createQuote: { id: 77, reference: 'Q-2026-000077-R1' } } }),
      };
    }),
  };
  const session = {
    me: ref({ id: 1, email: 'sales@demo.example', name: 'Demo Sales', roles: [Role.Sales], account: null }),
    hasAnyRole: () => true,
    isStaff: computed(() => true),
  } as unknown as Session;
  await router.push(url);
  await router.isReady();
  const wrapper = mount(
    { template: '<RouterView />' },
    {
      global: {
        plugins: [
          router,
          [
            {
              install: (app: { provide: (k: string, v: unknown) => void }) =>
                app.provide('$urql', shallowRef(client)),
            },
          ],
        ],
        provide: { [SESSION as symbol]: session },
      },
    },
  );
  await flushPromises();
  return { wrapper, router, queries, mutations };
}

describe('QuotesPage', () => {
  it('asks for the quotes the URL’s filters say, and shows the pipeline per currency and a row per quote', async () => {
    const { wrapper, queries } = await mountList(
      '/sales/quotes?status=SENT&account=3&rep=sam@sales.example&expiring=7',
    );
    const asked = queries.find((q) => q.doc === SalesQuotesDocument)!;
    expect(asked.variables).toEqual({
      filter: { status: 'SENT', accountId: 3, createdBy: 'sam@sales.example', expiringWithinDays: 7 },
      first: 20,
      after: null,
    });
    expect(wrapper.get('[data-testid="pipeline-SENT"]').text()).toContain('3 quotes');
    expect(wrapper.get('[data-testid="pipeline-SENT"]').text()).toContain('€4,100.00');
    expect(wrapper.get('[data-testid="pipeline-SENT"]').text()).toContain('$2,508.00');
    const row = wrapper.get('[data-testid="quote-row-Q-2026-000042-R1"]');
    expect(row.text()).toContain('Lakeside Design Inc.');
    expect(row.text()).toContain('$2,508.00');
    expect(row.text()).toContain('sam@sales.example');
    expect((wrapper.get('[data-testid="filter-status"]').element as HTMLSelectElement).value).toBe('SENT');
    wrapper.unmount();
  });

  it('puts the filters chosen in the URL and asks again; clearing them asks for every quote', async () => {
    const { wrapper, router, queries } = await mountList('/sales/quotes');
    await wrapper.get('[data-testid="filter-status"]').setValue('PENDING_APPROVAL');
    await wrapper.get('[data-testid="filter-expiring"]').setValue('14');
    await wrapper.get('[data-testid="quote-filters"]').trigger('submit');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ status: 'PENDING_APPROVAL', expiring: '14' });
    expect(queries.filter((q) => q.doc === SalesQuotesDocument).at(-1)?.variables.filter).toEqual({
      status: 'PENDING_APPROVAL',
      accountId: null,
      createdBy: null,
      expiringWithinDays: 14,
    });
    await wrapper.get('[data-testid="clear-filters"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({});
    wrapper.unmount();
  });

  it('starts a quote for the account picked and opens it', async () => {
    const { wrapper, router, mutations } = await mountList('/sales/quotes');
    await wrapper.get('[data-testid="new-quote"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="pick-account-3"]').trigger('click');
    await flushPromises();
    expect(mutations).toEqual([{ doc: StartQuoteDocument, variables: { accountId: 3 } }]);
    expect(router.currentRoute.value.fullPath).toBe('/sales/quotes/77');
    wrapper.unmount();
  });
});
