import { CombinedError } from '@urql/core';
import { flushPromises, mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { shallowRef } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import {
  configuration,
  frame,
  leg2Resolution,
  money,
  valueChange,
  width,
} from '../components/configurator/test-fixtures';
import type { ConfigurationAnswer } from '../composables/useConfiguration';
import { PROMISE_DELAY_MS } from '../composables/useDeliveryPromise';
import {
  ConfigureDocument,
  ConfigurePromiseDocument,
  CurrenciesDocument,
  PriceMode,
  ValueSource,
} from '../graphql/graphql';
import { formatDay } from '../i18n/format';
import ConfiguratorPage from './ConfiguratorPage.vue';

const answer = configuration;

type Reply = { data?: Record<string, unknown> & { configure?: ConfigurationAnswer }; error?: CombinedError };
type PromiseReply = { data?: { configure: Record<string, unknown> } };

const NO_PROMISE: PromiseReply = {
  data: { configure: { valid: true, complete: true, promise: null, promiseEffects: [] } },
};

/** reply(input, variables): the variables name the question (feature/value: resolveConflict; preference: autocomplete). */
async function mountPage(
  url: string,
  reply: (input: Record<string, unknown>, variables: Record<string, unknown>) => Reply,
  promiseReply: (input: Record<string, unknown>) => PromiseReply = () => NO_PROMISE,
) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'catalogue', component: { template: '<p>catalogue</p>' } },
      { path: '/configure/:productCode', name: 'configure', component: ConfiguratorPage },
      { path: '/checkout/:productCode', name: 'checkout', component: { template: '<p>checkout</p>' } },
    ],
  });
  const inputs: Record<string, unknown>[] = [];
  /** configure's variables: the input, and the choices on screen to compare with (since, compare). */
  const configureCalls: Record<string, unknown>[] = [];
  const questions: Record<string, unknown>[] = [];
  const promiseInputs: Record<string, unknown>[] = [];
  const client = {
    query: vi.fn((doc: unknown, variables: { input: Record<string, unknown> }) => {
      if (doc === CurrenciesDocument)
        return { toPromise: () => Promise.resolve({ data: { currencies: ['CHF', 'EUR', 'GBP', 'USD'] } }) };
      if (doc === ConfigurePromiseDocument) {
        promiseInputs.push(variables.input);
        return { toPromise: () => Promise.resolve(promiseReply(variables.input)) };
      }
      if (doc === ConfigureDocument) {
        inputs.push(variables.input);
        configureCalls.push(variables);
      } else questions.push(variables);
      return { toPromise: () => Promise.resolve(reply(variables.input, variables)) };
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
  return { wrapper, router, inputs, configureCalls, questions, promiseInputs };
}

describe('ConfiguratorPage', () => {
  // The currency a visitor picks is remembered on the browser: each test starts without one.
  beforeEach(() => localStorage.clear());

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
    expect(wrapper.get('[data-testid="price-total"]').text()).toBe('€3,829.00');
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

  it('asks when it ships separately, after the price, and shows the date and how an option moves it', async () => {
    const leg2Open = {
      ...frame,
      options: frame.options.map((o) =>
        o.code === 'leg2'
          ? { ...o, state: 'AVAILABLE' as const, reasons: [], blockedBy: [], blockingChoices: [] }
          : o,
      ),
    };
    const { wrapper, inputs, promiseInputs } = await mountPage(
      '/configure/standing-desk?width_mm=1600',
      () => ({ data: { configure: configuration({ features: [width, leg2Open] }) } }),
      () => ({
        data: {
          configure: {
            valid: true,
            complete: true,
            promise: {
              shipDate: '2026-12-18',
              materialsReadyDate: '2026-12-01',
              productionStartDate: '2026-12-02',
              productionEndDate: '2026-12-15',
              qualityControlDate: '2026-12-16',
              bottleneck: {
                kind: 'capacity',
                subject: 'ASSY',
                message: 'the assembly bench, booked until 14 Dec',
                days: 8,
              },
            },
            promiseEffects: [
              { feature: 'frame', option: 'leg2', days: -3, shipDate: '2026-12-15' },
              { feature: 'width_mm', option: '', days: 0, shipDate: '2026-12-18' },
            ],
          },
        },
      }),
    );
    // The price is on screen before the promise is even asked.
    expect(wrapper.get('[data-testid="price-total"]').text()).toBe('€3,829.00');
    expect(promiseInputs).toHaveLength(0);
    expect(wrapper.find('[data-testid="promise"]').exists()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, PROMISE_DELAY_MS + 50));
    await flushPromises();
    expect(promiseInputs).toEqual([inputs[0]]);
    expect(wrapper.get('[data-testid="promise"]').text()).toContain(`Ships by ${formatDay('2026-12-18')}`);
    expect(wrapper.get('[data-testid="promise-bottleneck"]').text()).toBe(
      'the assembly bench, booked until 14 Dec',
    );
    expect(wrapper.get('[data-testid="promise-frame-leg2"]').text()).toContain('\u22123 days');
    // Not on the option already taken.
    expect(wrapper.find('[data-testid="promise-frame-leg4"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="promise"]').classes()).not.toContain('promise-note--stale');
    // A new choice: the date stays, dimmed, and the effects (relative to the old choices) go until asked again.
    await wrapper.get('[data-testid="option-frame-leg2"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="promise"]').classes()).toContain('promise-note--stale');
    expect(wrapper.find('[data-testid="promise-frame-leg2"]').exists()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, PROMISE_DELAY_MS + 50));
    await flushPromises();
    expect(promiseInputs).toHaveLength(2);
    expect(wrapper.get('[data-testid="promise"]').classes()).not.toContain('promise-note--stale');
    wrapper.unmount();
  });

  it("keeps the remaining builds behind a 'why' disclosure and shows a customer no option counts", async () => {
    const { wrapper } = await mountPage('/configure/standing-desk', () => ({
      data: {
        configure: answer({
          remainingConfigurations: '12480',
          features: [
            configuration().features[0]!,
            {
              ...configuration().features[1]!,
              options: configuration().features[1]!.options.map((o) => ({
                ...o,
                count: o.state === 'EXCLUDED' ? '0' : '3120',
              })),
            },
          ],
        }),
      },
    }));
    expect(wrapper.get('[data-testid="remaining-builds"]').text()).toBe('12,480 possible builds');
    expect(wrapper.get('[data-testid="remaining-builds"]').element.closest('details')).not.toBeNull();
    expect(wrapper.find('[data-testid="count-frame-leg4"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('picking an excluded option asks resolveConflict, lists the minimal changes, and Switch applies its selections', async () => {
    const { wrapper, router, inputs, questions } = await mountPage(
      '/configure/standing-desk?width_mm=2100',
      (_input, variables) =>
        'feature' in variables
          ? { data: { resolveConflict: leg2Resolution } }
          : { data: { configure: answer() } },
    );
    await wrapper.get('[data-testid="option-frame-leg2"]').trigger('click');
    await flushPromises();
    expect(questions).toEqual([
      {
        input: {
          productCode: 'standing-desk',
          selections: [{ feature: 'width_mm', value: '2100' }],
          quantity: 1,
        },
        feature: 'frame',
        value: 'leg2',
      },
    ]);
    expect(wrapper.findAll('[data-testid="switch-change"]').map((c) => c.text())).toEqual([
      'Width: 2100 mm → 1800 mm',
    ]);
    const before = inputs.length;
    await wrapper.get('[data-testid="switch-confirm"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="switch-dialog"]').exists()).toBe(false);
    expect(router.currentRoute.value.query).toEqual({
      width_mm: '1800',
      frame: 'leg2',
      accessories: 'list:cable_tray',
    });
    // Applying is one configure call with the resolved selections.
    expect(inputs.length).toBe(before + 1);
    expect(inputs.at(-1)?.selections).toEqual([
      { feature: 'width_mm', value: '1800' },
      { feature: 'frame', value: 'leg2' },
      { feature: 'accessories', values: ['cable_tray'] },
    ]);
    wrapper.unmount();
  });

  it('values re-chosen to fit a choice show in a notice; Undo sends exactly the earlier choices, and says it is done', async () => {
    const fitted = valueChange(
      'frame',
      'Frame',
      ['leg2', '2-leg T-frame'],
      ['leg4', '4-leg frame'],
      '290.00',
      {
        chosen: false,
        source: ValueSource.Completed,
      },
    );
    const widthChanges = {
      values: [valueChange('width_mm', 'Width', ['1600', '1600 mm'], ['1900', '1900 mm'], '0.00'), fitted],
      otherPriceLines: [],
      totalBefore: money('3539.00'),
      totalAfter: money('3829.00'),
      totalDelta: money('290.00'),
    };
    const { wrapper, router, configureCalls } = await mountPage(
      '/configure/standing-desk',
      (input, variables) => {
        const wide = JSON.stringify(input.selections).includes('1900');
        if (!variables.compare) return { data: { configure: answer() } };
        // Back from 2100: the frame goes back to its default (a change too, but the person asked for it).
        const back = { ...widthChanges, values: [...widthChanges.values].reverse() };
        return { data: { configure: { ...answer(), changesSince: wide ? widthChanges : back } } };
      },
    );
    // The first answer has nothing to compare with.
    expect(configureCalls[0]).toMatchObject({ since: [], compare: false });
    expect(wrapper.find('[data-testid="change-notice"]').exists()).toBe(false);

    await wrapper.get('[data-testid="input-width_mm"]').setValue('1900');
    await wrapper.get('[data-testid="input-width_mm"]').trigger('keydown', { key: 'Enter' });
    await flushPromises();
    // Compared with the choices on screen: none.
    expect(configureCalls.at(-1)).toMatchObject({
      input: { selections: [{ feature: 'width_mm', value: '1900' }] },
      since: [],
      compare: true,
    });
    const region = wrapper.get('[data-testid="change-notice-region"]');
    expect(region.attributes('aria-live')).toBe('polite');
    expect(region.findAll('[data-testid="change-notice-item"]').map((i) => i.text())).toEqual([
      'Frame: 2-leg T-frame → 4-leg frame, + €290.00',
    ]);

    await wrapper.get('[data-testid="change-undo"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({});
    expect(configureCalls.at(-1)).toMatchObject({
      input: { selections: [] },
      since: [{ feature: 'width_mm', value: '1900' }],
      compare: true,
    });
    expect(wrapper.find('[data-testid="change-notice"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="change-undone"]').text()).toBe(
      'Undone: your earlier choices are back.',
    );
    wrapper.unmount();
  });

  it('"Keep my choices" closes the switch and changes nothing', async () => {
    const { wrapper, router } = await mountPage(
      '/configure/standing-desk?width_mm=2100',
      (_input, variables) =>
        'feature' in variables
          ? { data: { resolveConflict: leg2Resolution } }
          : { data: { configure: answer() } },
    );
    await wrapper.get('[data-testid="option-frame-leg2"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="switch-cancel"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="switch-dialog"]').exists()).toBe(false);
    expect(router.currentRoute.value.query).toEqual({ width_mm: '2100' });
    wrapper.unmount();
  });

  it('"Complete it for me" asks autocomplete with the preference and applies its selections, the values it filled in marked so', async () => {
    const completed = [
      { feature: 'width_mm', value: '1600', values: null },
      { feature: 'frame', value: 'leg4', values: null },
    ];
    const { wrapper, router, questions } = await mountPage(
      '/configure/standing-desk?width_mm=1600',
      (_input, variables) =>
        'preference' in variables
          ? {
              data: {
                autocomplete: {
                  found: true,
                  preference: variables.preference,
                  selections: completed,
                  configuration: answer(),
                },
              },
            }
          : { data: { configure: answer({ complete: false, undecided: ['frame'] }) } },
    );
    await wrapper.get('[data-testid="complete-preference"]').setValue('CHEAPEST');
    await wrapper.get('[data-testid="complete-it"]').trigger('click');
    await flushPromises();
    expect(questions).toEqual([
      {
        input: {
          productCode: 'standing-desk',
          selections: [{ feature: 'width_mm', value: '1600' }],
          quantity: 1,
        },
        preference: 'CHEAPEST',
      },
    ]);
    // The width was the person's choice; the frame was filled in for them.
    expect(router.currentRoute.value.query).toEqual({ width_mm: '1600', frame: 'default:leg4' });
    expect(wrapper.find('[data-testid="complete-error"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('"Complete it for me" says clearly when no complete build keeps the choices', async () => {
    const { wrapper, router } = await mountPage(
      '/configure/standing-desk?width_mm=2100',
      (_input, variables) =>
        'preference' in variables
          ? {
              data: {
                autocomplete: {
                  found: false,
                  preference: 'DEFAULTS',
                  selections: [],
                  configuration: answer({
                    consistent: false,
                    conflict: {
                      features: ['width_mm', 'frame'],
                      choices: [
                        { feature: 'width_mm', source: 'CHOSEN' },
                        { feature: 'frame', source: 'CHOSEN' },
                      ],
                      reasons: [
                        {
                          ruleId: 'r',
                          message: 'Tops wider than 1800 mm need the 4-leg frame.',
                          features: [],
                        },
                      ],
                    },
                  }),
                },
              },
            }
          : { data: { configure: answer() } },
    );
    await wrapper.get('[data-testid="complete-it"]').trigger('click');
    await flushPromises();
    expect(wrapper.get('[data-testid="complete-error"]').text()).toBe(
      'No complete build keeps all your choices: Tops wider than 1800 mm need the 4-leg frame. Change one of them first.',
    );
    expect(router.currentRoute.value.query).toEqual({ width_mm: '2100' });
    wrapper.unmount();
  });

  it('a conflict offers to undo the person’s own choice, and to clear a value that was filled in for them', async () => {
    const { wrapper } = await mountPage('/configure/standing-desk?width_mm=2100&frame=default:leg2', () => ({
      data: {
        configure: answer({
          consistent: false,
          conflict: {
            features: ['width_mm', 'frame'],
            choices: [
              { feature: 'width_mm', source: 'CHOSEN' },
              { feature: 'frame', source: 'DEFAULT' },
            ],
            reasons: [
              { ruleId: 'r', message: 'Tops wider than 1800 mm need the 4-leg frame.', features: [] },
            ],
          },
        }),
      },
    }));
    await flushPromises();
    const buttons = wrapper
      .get('[data-testid="conflict"]')
      .findAll('button')
      .map((b) => b.text());
    expect(buttons).toEqual(['Undo my choice of Width', 'Clear the standard Frame']);
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
    expect(wrapper.get('[data-testid="server-down"]').text()).toContain(
      "We can't reach our shop right now; trying again…",
    );
    expect(wrapper.find('[data-testid="skeleton"]').exists()).toBe(true);
    up = true;
    await vi.advanceTimersByTimeAsync(3500);
    await flushPromises();
    expect(inputs.length).toBeGreaterThanOrEqual(2);
    expect(wrapper.find('[data-testid="server-down"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="price-total"]').text()).toBe('€3,829.00');
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
    // Honest state: the refusal comes first, never "ready to order" beside it, and no order meanwhile.
    expect(wrapper.get('[data-testid="completeness"]').text()).toContain('Please correct Width first');
    expect(wrapper.get('[data-testid="completeness"]').text()).not.toContain('ready to order');
    expect(wrapper.get('[data-testid="go-to-order"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="bar-state"]').text()).toBe('Correct Width to order it.');
    wrapper.unmount();
  });

  it('a number refused before it is sent also comes first: no "ready to order", no order, until corrected', async () => {
    const { wrapper } = await mountPage('/configure/standing-desk', () => ({
      data: { configure: answer() },
    }));
    expect(wrapper.get('[data-testid="completeness"]').text()).toContain('Complete — ready to order');
    expect(wrapper.get('[data-testid="go-to-order"]').attributes('disabled')).toBeUndefined();
    const field = wrapper.get('[data-testid="input-width_mm"]');
    await field.setValue('99999');
    await field.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(wrapper.find('[data-testid="input-error-width_mm"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="completeness"]').text()).toContain('Please correct Width first');
    expect(wrapper.get('[data-testid="go-to-order"]').attributes('disabled')).toBeDefined();
    await field.setValue('1600');
    await field.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(wrapper.find('[data-testid="input-error-width_mm"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="completeness"]').text()).not.toContain('correct');
    wrapper.unmount();
  });

  it('the order bar carries the total, the ship date when known and "Order this"', async () => {
    const { wrapper } = await mountPage('/configure/standing-desk', () => ({
      data: { configure: answer() },
    }));
    const bar = wrapper.get('[data-testid="order-bar"]');
    expect(bar.get('[data-testid="bar-total"]').text()).toBe('€3,829.00');
    expect(bar.get('[data-testid="bar-state"]').text()).toBe('Ready to order');
    expect(bar.find('[data-testid="go-to-order"]').text()).toBe('Order this');
    wrapper.unmount();
  });

  it('switches a visitor to USD: configure is asked in USD, the URL and the browser remember it, and the panel names the list', async () => {
    const usd = (input: Record<string, unknown>) => {
      const shown = answer();
      if (input.currency !== 'USD') return shown;
      return {
        ...shown,
        price: {
          ...shown.price,
          currency: 'USD',
          priceList: {
            code: 'usd-list',
            name: 'List prices USD (North America)',
            currency: 'USD',
            prices: PriceMode.Net,
          },
          total: money('4288.48', 'USD'),
        },
      };
    };
    const { wrapper, router, inputs } = await mountPage(
      '/configure/standing-desk?width_mm=2100',
      (input) => ({
        data: { configure: usd(input) },
      }),
    );
    expect(inputs[0]).not.toHaveProperty('currency');
    const select = wrapper.get<HTMLSelectElement>('[data-testid="currency-select"]');
    expect(select.findAll('option').map((o) => o.text())).toEqual(['CHF', 'EUR', 'GBP', 'USD']);
    expect(select.element.value).toBe('EUR');
    expect(wrapper.get('[data-testid="price-list"]').text()).toBe(
      'Prices from List prices EUR, tax included',
    );

    await select.setValue('USD');
    await flushPromises();
    expect(inputs.at(-1)).toMatchObject({
      currency: 'USD',
      selections: [{ feature: 'width_mm', value: '2100' }],
    });
    expect(router.currentRoute.value.query).toEqual({ width_mm: '2100', currency: 'USD' });
    expect(localStorage.getItem('mto.currency')).toBe('USD');
    expect(wrapper.get('[data-testid="price-total"]').text()).toBe('$4,288.48');
    expect(wrapper.get('[data-testid="price-list"]').text()).toBe(
      'Prices from List prices USD (North America), net of tax',
    );
    wrapper.unmount();

    // The next product opened on this browser is priced in USD from the start.
    const next = await mountPage('/configure/standing-desk', (input) => ({
      data: { configure: usd(input) },
    }));
    expect(next.inputs[0]).toMatchObject({ currency: 'USD' });
    next.wrapper.unmount();
  });

  it('goes back to the default currency when the server refuses the one picked, saying why', async () => {
    const { wrapper, inputs, router } = await mountPage('/configure/standing-desk?currency=JPY', (input) =>
      input.currency
        ? {
            error: new CombinedError({
              graphQLErrors: [
                {
                  message: "We do not price in 'JPY' (currencies: CHF, EUR, GBP, USD)",
                  extensions: { code: 'BAD_USER_INPUT', field: 'input.currency' },
                },
              ],
            }),
          }
        : { data: { configure: answer() } },
    );
    await flushPromises();
    expect(inputs[0]).toMatchObject({ currency: 'JPY' });
    expect(inputs.at(-1)).not.toHaveProperty('currency');
    expect(router.currentRoute.value.query).toEqual({});
    expect(wrapper.get('[role="alert"]#currency-error').text()).toMatch(/JPY/);
    expect(wrapper.get('[data-testid="price-total"]').text()).toBe('€3,829.00');
    wrapper.unmount();
  });
});
