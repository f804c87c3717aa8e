// The quote editor against a stand-in for the server's answers: what the rep types goes to the server once
// the typing pauses, and the totals and approval warnings on screen are the ones the server answered.
import { CombinedError } from '@urql/core';
import { flushPromises, mount } from '@vue/test-utils';
import { GraphQLError } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { computed, ref, shallowRef } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { QUOTE_EDIT_DELAY_MS } from '../../components/sales/quote-format';
import { deskLine, totals, usd } from '../../components/sales/test-fixtures';
import { SESSION, type Session } from '../../composables/useSession';
import {
  ChangeQuoteLineDocument,
  DuplicateQuoteDocument,
  EditQuoteDetailsDocument,
  ProductsDocument,
  QuoteAction,
  QuoteEventKind,
  QuoteStatus,
  Role,
  SalesQuoteDocument,
  type SalesQuoteViewFragment,
  SendQuoteToCustomerDocument,
} from '../../graphql/graphql';
import QuoteEditorPage from './QuoteEditorPage.vue';

const TRIGGER =
  "The quote's discount is about 15.00% (450.00 USD off 3000.00 USD), above 10%, which needs a sales manager's approval (rule 'Quote discount over 10%').";

function quote(overrides: Partial<SalesQuoteViewFragment> = {}): SalesQuoteViewFragment {
  const line = deskLine();
  return {
    id: 42,
    reference: 'Q-2026-000042-R1',
    status: QuoteStatus.Draft,
    currency: 'USD',
    validUntil: '2026-12-31',
    terms: null,
    noteToCustomer: null,
    internalNote: null,
    headerDiscountPercent: '0',
    createdBy: 'sales@demo.example',
    cost: null,
    margin: null,
    marginPercent: null,
    allowedActions: [QuoteAction.Edit, QuoteAction.Send],
    account: { id: 3, name: 'Lakeside Design Inc.' },
    priceList: {
      name: 'List prices USD (North America)',
      basis: 'GROSS' as SalesQuoteViewFragment['priceList']['basis'],
      taxRatePercent: null,
    },
    recipient: { name: 'Dana Buyer', email: 'buyer@lakeside.example' },
    lines: [
      {
        ...line,
        selections: line.selections.map((s) => ({
          feature: s.feature,
          value: s.value ?? null,
          values: s.values ? [...s.values] : null,
        })),
        options: [...line.options],
        unitCost: null,
        cost: line.cost ?? null,
        margin: line.margin ?? null,
        marginPercent: line.marginPercent ?? null,
        promise: line.promise ?? null,
      },
    ],
    totals: totals({
      gross: usd('2000.00'),
      lineDiscounts: usd('100.00'),
      subtotal: usd('1900.00'),
      headerDiscountPercent: '0',
      headerDiscount: usd('0.00'),
      total: usd('1900.00'),
      tax: usd('0.00'),
      totalWithTax: usd('1900.00'),
      discountPercent: '5',
    }) as SalesQuoteViewFragment['totals'],
    approval: { needed: false, approvedForThisContent: false, triggers: [], unchecked: [] },
    events: [
      {
        at: '2026-12-01T09:00:00.000Z',
        actor: 'sales@demo.example',
        kind: QuoteEventKind.Created,
        toStatus: QuoteStatus.Draft,
        message: 'Quote Q-2026-000042-R1 created',
        comment: null,
        onBehalf: false,
      },
    ],
    revisions: [{ id: 42, reference: 'Q-2026-000042-R1' }],
    changes: [],
    order: null,
    ...overrides,
  };
}

/** The quote with a 15 % quote discount, as the server answers it: the rule it triggers, and new totals. */
const discounted = quote({
  headerDiscountPercent: '15',
  allowedActions: [QuoteAction.Edit, QuoteAction.SubmitForApproval],
  totals: {
    ...quote().totals,
    headerDiscountPercent: '15',
    headerDiscount: usd('285.00'),
    total: usd('1615.00'),
  },
  approval: {
    needed: true,
    approvedForThisContent: false,
    triggers: [{ ruleId: 1, message: TRIGGER }],
    unchecked: [],
  },
});

type Reply = { data?: Record<string, unknown>; error?: CombinedError };

async function mountEditor(
  mutationReply: (doc: unknown, variables: Record<string, unknown>) => Reply,
  loaded: SalesQuoteViewFragment = quote(),
) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/sales/quotes', name: 'sales-quotes', component: { template: '<p/>' } },
      { path: '/sales/quotes/:id', name: 'sales-quote', component: QuoteEditorPage },
      { path: '/sales/accounts/:id', name: 'sales-account', component: { template: '<p/>' } },
      { path: '/configure/:productCode', name: 'configure', component: { template: '<p/>' } },
      { path: '/orders/:number', name: 'order', component: { template: '<p/>' } },
    ],
  });
  const mutations: { doc: unknown; variables: Record<string, unknown> }[] = [];
  const client = {
    query: vi.fn((doc: unknown) => ({
      toPromise: () =>
        Promise.resolve(
          doc === SalesQuoteDocument
            ? { data: { quote: loaded } }
            : doc === ProductsDocument
              ? { data: { products: [{ code: 'standing-desk', name: 'Standing desk' }] } }
              : { data: {} },
        ),
    })),
    mutation: vi.fn((doc: unknown, variables: Record<string, unknown>) => {
      mutations.push({ doc, variables });
      return { toPromise: () => Promise.resolve(mutationReply(doc, variables)) };
    }),
  };
  const session = {
    me: ref({ id: 1, email: 'sales@demo.example', name: 'Demo Sales', roles: [Role.Sales], account: null }),
    hasAnyRole: (roles: readonly Role[]) => roles.includes(Role.Sales),
    isStaff: computed(() => true),
  } as unknown as Session;
  await router.push('/sales/quotes/42');
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
      attachTo: document.body,
    },
  );
  await flushPromises();
  return { wrapper, mutations, router };
}

/** Lets the editor's pause after typing pass, then the answer arrive. */
async function afterTheTypingPause(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, QUOTE_EDIT_DELAY_MS + 50));
  await flushPromises();
}

const text = (wrapper: Awaited<ReturnType<typeof mountEditor>>['wrapper'], id: string) =>
  wrapper.get(`[data-testid="${id}"]`).text();

describe('QuoteEditorPage', () => {
  it('sends the quote discount once the typing pauses, and shows the totals and the approval rule the server answers', async () => {
    const { wrapper, mutations } = await mountEditor(() => ({ data: { updateQuote: discounted } }));
    expect(text(wrapper, 'totals-total')).toBe('$1,900.00');
    expect(text(wrapper, 'approval-none')).toContain('No approval needed');
    expect(wrapper.find('[data-testid="action-SEND"]').exists()).toBe(true);

    const discount = wrapper.get('[data-testid="quote-discount"]');
    await discount.setValue('1');
    await discount.setValue('15');
    expect(text(wrapper, 'save-state')).toBe('Recalculating…');
    await afterTheTypingPause();

    // One request for the whole typing, with what was typed last.
    expect(mutations.map((m) => [m.doc, m.variables])).toEqual([
      [EditQuoteDetailsDocument, { id: 42, input: { headerDiscountPercent: '15' } }],
    ]);
    expect(text(wrapper, 'totals-header-discount')).toBe('− $285.00');
    expect(text(wrapper, 'totals-total')).toBe('$1,615.00');
    expect(text(wrapper, 'approval-trigger')).toBe(TRIGGER);
    expect(text(wrapper, 'save-state')).toBe('All changes saved.');
    expect(wrapper.find('[data-testid="action-SEND"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="action-SUBMIT_FOR_APPROVAL"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('sends a line’s discount with its quantity, and says the server’s refusal at the field it names', async () => {
    const refusal = new CombinedError({
      graphQLErrors: [
        new GraphQLError('input.validUntil: the date has passed', {
          extensions: { code: 'BAD_USER_INPUT', field: 'input.validUntil' },
        }),
      ],
    });
    const { wrapper, mutations } = await mountEditor((doc) =>
      doc === ChangeQuoteLineDocument ? { data: { updateQuoteLine: quote() } } : { error: refusal },
    );
    await wrapper.get('[data-testid="line-discount"]').setValue('12.5');
    await afterTheTypingPause();
    expect(mutations[0]).toEqual({
      doc: ChangeQuoteLineDocument,
      variables: { lineId: 7, change: { quantity: 2, discountPercent: '12.5' } },
    });

    await wrapper.get('[data-testid="quote-valid-until"]').setValue('2026-11-01');
    await wrapper.get('[data-testid="quote-valid-until"]').trigger('change');
    await afterTheTypingPause();
    expect(text(wrapper, 'save-error')).toBe('input.validUntil: the date has passed');
    expect(wrapper.get('[data-testid="quote-valid-until"]').attributes('aria-invalid')).toBe('true');
    wrapper.unmount();
  });

  it('sends the quote and shows the customer’s link once, as a full address with a copy button', async () => {
    const { wrapper, mutations } = await mountEditor((doc) =>
      doc === SendQuoteToCustomerDocument
        ? {
            data: {
              sendQuote: {
                ...quote({
                  status: QuoteStatus.Sent,
                  allowedActions: [QuoteAction.Revise, QuoteAction.Accept],
                }),
                customerLink: '/quotes/abcDEF123_-xyz',
              },
            },
          }
        : { data: {} },
    );
    await wrapper.get('[data-testid="action-SEND"]').trigger('click');
    await flushPromises();
    expect(mutations.map((m) => m.doc)).toEqual([SendQuoteToCustomerDocument]);
    expect(text(wrapper, 'customer-link')).toBe(`${window.location.origin}/quotes/abcDEF123_-xyz`);
    expect(wrapper.get('[data-testid="customer-link-box"]').text()).toContain('buyer@lakeside.example');
    expect(wrapper.get('[data-testid="quote-status"]').attributes('data-status')).toBe('SENT');
    // Sent: nothing is typed in place any more.
    expect(wrapper.find('[data-testid="line-discount"]').element.tagName).toBe('SPAN');
    expect(wrapper.get('[data-testid="quote-discount"]').attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('duplicates even a declined quote and opens the new draft', async () => {
    const declined = quote({ status: QuoteStatus.Declined, allowedActions: [] });
    const { wrapper, mutations, router } = await mountEditor(
      (doc) =>
        doc === DuplicateQuoteDocument
          ? { data: { duplicateQuote: { id: 43, reference: 'Q-2026-000043-R1' } } }
          : { data: {} },
      declined,
    );
    expect(wrapper.get('[data-testid="quote-status"]').attributes('data-status')).toBe('DECLINED');
    await wrapper.get('[data-testid="action-DUPLICATE"]').trigger('click');
    await flushPromises();
    expect(mutations).toEqual([{ doc: DuplicateQuoteDocument, variables: { id: 42 } }]);
    expect(router.currentRoute.value.fullPath).toBe('/sales/quotes/43');
    expect(text(wrapper, 'quote-notice')).toBe(
      'Q-2026-000043-R1 is a new draft copied from Q-2026-000042-R1, priced again today.',
    );
    wrapper.unmount();
  });

  it('says the server’s refusal of a duplicate and stays on the quote', async () => {
    const refusal = new CombinedError({
      graphQLErrors: [
        new GraphQLError('Standing desk cannot be quoted again: the list has no prices for it', {
          extensions: { code: 'BAD_USER_INPUT', field: 'lines[0]' },
        }),
      ],
    });
    const { wrapper, router } = await mountEditor(() => ({ error: refusal }));
    await wrapper.get('[data-testid="action-DUPLICATE"]').trigger('click');
    await flushPromises();
    expect(text(wrapper, 'quote-action-error')).toContain('cannot be quoted again');
    expect(router.currentRoute.value.fullPath).toBe('/sales/quotes/42');
    wrapper.unmount();
  });
});
