import { CombinedError } from '@urql/core';
import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { shallowRef } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { frame, price, width } from '../components/configurator/test-fixtures';
import type { ConfigurationAnswer } from '../composables/useConfiguration';
import ConfiguratorPage from './ConfiguratorPage.vue';

function answer(over: Partial<ConfigurationAnswer> = {}): ConfigurationAnswer {
  return {
    product: {
      code: 'standing-desk',
      name: 'Made-to-measure standing desk',
      modelVersion: 1,
      currency: 'EUR',
      groups: [
        { code: 'size', label: 'Size', description: 'Width and depth.' },
        { code: 'frame', label: 'Frame and lift', description: '' },
      ],
    },
    modelVersion: 1,
    quantity: 1,
    valid: true,
    complete: true,
    consistent: true,
    conflict: null,
    violations: [],
    undecided: [],
    remainingConfigurations: null,
    features: [width, frame],
    selections: [],
    choices: [],
    price,
    ...over,
  };
}

type Reply = { data?: { configure: ConfigurationAnswer }; error?: CombinedError };

async function mountPage(url: string, reply: (input: Record<string, unknown>) => Reply) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'catalogue', component: { template: '<p>catalogue</p>' } },
      { path: '/configure/:productCode', name: 'configure', component: ConfiguratorPage },
      { path: '/checkout/:productCode', name: 'checkout', component: { template: '<p>checkout</p>' } },
    ],
  });
  const inputs: Record<string, unknown>[] = [];
  const client = {
    query: vi.fn((_doc: unknown, variables: { input: Record<string, unknown> }) => {
      inputs.push(variables.input);
      return { toPromise: () => Promise.resolve(reply(variables.input)) };
    }),
    mutation: vi.fn(),
  };
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
        stubs: { ProductPreview: true },
      },
      attachTo: document.body,
    },
  );
  await flushPromises();
  return { wrapper, router, inputs };
}

describe('ConfiguratorPage', () => {
  it('sends the choices in the URL, shows the steps and the price, and puts a new choice in the URL', async () => {
    const { wrapper, router, inputs } = await mountPage('/configure/standing-desk?width_mm=2100', () => ({
      data: { configure: answer() },
    }));
    expect(inputs[0]).toEqual({
      productCode: 'standing-desk',
      selections: [{ feature: 'width_mm', value: '2100' }],
      quantity: 1,
    });
    expect(wrapper.find('[data-testid="feature-width_mm"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="price-total"]').text()).toBe('3,829.00 EUR');
    expect(wrapper.get('[data-testid="completeness"]').text()).toContain('Complete — ready to order');

    await wrapper.get('[data-testid="option-frame-leg4"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ width_mm: '2100', frame: 'leg4' });
    expect(inputs.at(-1)?.selections).toEqual([
      { feature: 'width_mm', value: '2100' },
      { feature: 'frame', value: 'leg4' },
    ]);

    await wrapper.get('[data-testid="reset"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({});
    wrapper.unmount();
  });

  it('picking an excluded option opens the switch dialog; Switch drops the blocking choice', async () => {
    const { wrapper, router } = await mountPage('/configure/standing-desk?width_mm=2100', () => ({
      data: { configure: answer() },
    }));
    await wrapper.get('[data-testid="option-frame-leg2"]').trigger('click');
    expect(wrapper.get('[data-testid="switch-dialog"]').text()).toContain('Width: 2100 mm');
    await wrapper.get('[data-testid="switch-confirm"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="switch-dialog"]').exists()).toBe(false);
    expect(router.currentRoute.value.query).toEqual({ frame: 'leg2' });
    wrapper.unmount();
  });

  it('an unknown product is a friendly not-found with a link to the catalogue', async () => {
    const { wrapper } = await mountPage('/configure/nope', () => ({
      error: new CombinedError({
        graphQLErrors: [
          {
            message: "No product 'nope'",
            extensions: { code: 'BAD_USER_INPUT', field: 'input.productCode' },
          },
        ],
      }),
    }));
    expect(wrapper.get('[data-testid="not-found"]').text()).toContain('nope');
    expect(wrapper.get('[data-testid="not-found"] a').attributes('href')).toBe('/');
    wrapper.unmount();
  });

  it("says when the server can't be reached, and retries", async () => {
    vi.useFakeTimers();
    let up = false;
    const { wrapper, inputs } = await mountPage('/configure/standing-desk', () =>
      up
        ? { data: { configure: answer() } }
        : { error: new CombinedError({ networkError: new Error('Failed to fetch') }) },
    );
    expect(wrapper.get('[data-testid="server-down"]').text()).toContain("Can't reach the server, retrying…");
    expect(wrapper.find('[data-testid="skeleton"]').exists()).toBe(true);
    up = true;
    await vi.advanceTimersByTimeAsync(3500);
    await flushPromises();
    expect(inputs.length).toBeGreaterThanOrEqual(2);
    expect(wrapper.find('[data-testid="server-down"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="price-total"]').text()).toBe('3,829.00 EUR');
    vi.useRealTimers();
    wrapper.unmount();
  });

  it("keeps the typed number and shows the server's refusal", async () => {
    const { wrapper, router } = await mountPage('/configure/standing-desk', (input) =>
      (input.selections as unknown[]).length > 0
        ? {
            error: new CombinedError({
              graphQLErrors: [
                {
                  message: "'width_mm' is not possible here",
                  extensions: { code: 'BAD_USER_INPUT', field: 'input.selections[0].value' },
                },
              ],
            }),
          }
        : { data: { configure: answer() } },
    );
    const field = wrapper.get('[data-testid="input-width_mm"]');
    await field.setValue('1500');
    await field.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(wrapper.get('[data-testid="input-error-width_mm"]').text()).toBe(
      "'width_mm' is not possible here",
    );
    expect((field.element as HTMLInputElement).value).toBe('1500');
    expect(router.currentRoute.value.query).toEqual({});
    wrapper.unmount();
  });
});
