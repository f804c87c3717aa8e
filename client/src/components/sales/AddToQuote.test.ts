import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { shallowRef } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { SESSION, type Session } from '../../composables/useSession';
import {
  AddLineToQuoteDocument,
  ChangeQuoteLineDocument,
  QuoteAction,
  QuoteStatus,
  Role,
} from '../../graphql/graphql';
import AddToQuote from './AddToQuote.vue';

const INPUT = {
  productCode: 'standing-desk',
  selections: [{ feature: 'width_mm', value: '1600' }],
  quantity: 2,
};
const TARGET = {
  id: 42,
  reference: 'Q-2026-000042-R1',
  status: QuoteStatus.Draft,
  currency: 'USD',
  priceList: { name: 'List prices USD (North America)' },
  allowedActions: [QuoteAction.Edit],
  lines: [{ id: 7, productName: 'Standing desk' }],
};

async function mountButton(props: {
  lineId?: number | null;
  ready?: boolean;
  roles?: Role[];
  target?: unknown;
}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { template: '<p/>' } },
      { path: '/sales/quotes/:id', name: 'sales-quote', component: { template: '<p/>' } },
    ],
  });
  await router.push('/');
  const mutations: { doc: unknown; variables: unknown }[] = [];
  const client = {
    query: vi.fn(() => ({ toPromise: () => Promise.resolve({ data: { quote: props.target ?? TARGET } }) })),
    mutation: vi.fn((doc: unknown, variables: unknown) => {
      mutations.push({ doc, variables });
      return {
        toPromise: () => Promise.resolve({ data: { addQuoteLine: { id: 42 }, updateQuoteLine: { id: 42 } } }),
      };
    }),
  };
  const roles = props.roles ?? [Role.Sales];
  const session = {
    hasAnyRole: (wanted: readonly Role[]) => wanted.some((r) => roles.includes(r)),
  } as unknown as Session;
  const wrapper = mount(AddToQuote, {
    props: { quoteId: 42, lineId: props.lineId ?? null, input: INPUT, ready: props.ready ?? true },
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
  });
  await flushPromises();
  return { wrapper, router, mutations };
}

describe('AddToQuote', () => {
  it('puts the configuration on the quote it names, then goes back to the quote', async () => {
    const { wrapper, router, mutations } = await mountButton({});
    const button = wrapper.get('[data-testid="add-to-quote"]');
    expect(button.text()).toBe('Add to quote Q-2026-000042-R1');
    expect(wrapper.get('[data-testid="add-to-quote-list"]').text()).toBe(
      'On the quote it is priced by List prices USD (North America) (USD).',
    );
    await button.trigger('click');
    await flushPromises();
    expect(mutations).toEqual([
      { doc: AddLineToQuoteDocument, variables: { quoteId: 42, configuration: INPUT } },
    ]);
    expect(router.currentRoute.value.fullPath).toBe('/sales/quotes/42?added=1');
  });

  it('replaces the line it was opened for, keeping the quantity chosen', async () => {
    const { wrapper, mutations } = await mountButton({ lineId: 7 });
    expect(wrapper.get('[data-testid="add-to-quote"]').text()).toBe('Replace line 1 of Q-2026-000042-R1');
    await wrapper.get('[data-testid="add-to-quote"]').trigger('click');
    await flushPromises();
    expect(mutations).toEqual([
      {
        doc: ChangeQuoteLineDocument,
        variables: { lineId: 7, change: { configuration: INPUT, quantity: 2 } },
      },
    ]);
  });

  it('waits for a valid, complete configuration', async () => {
    const { wrapper } = await mountButton({ ready: false });
    expect(wrapper.get('[data-testid="add-to-quote"]').attributes('disabled')).toBeDefined();
    expect(wrapper.text()).toContain('Complete a valid configuration to put it on the quote.');
  });

  it('says when the quote can no longer change, and shows nothing to anyone but sales staff', async () => {
    const sent = await mountButton({
      target: { ...TARGET, status: QuoteStatus.Sent, allowedActions: [QuoteAction.Revise] },
    });
    expect(sent.wrapper.find('[data-testid="add-to-quote"]').exists()).toBe(false);
    expect(sent.wrapper.text()).toContain('Q-2026-000042-R1 can no longer be changed (Sent)');
    const customer = await mountButton({ roles: [Role.Customer] });
    expect(customer.wrapper.find('[data-testid="add-to-quote-box"]').exists()).toBe(false);
  });
});
