import { mount, RouterLinkStub } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { OrderAction } from '../../graphql/graphql';
import { formatDay } from '../../i18n/format';
import BoardCard from './BoardCard.vue';
import type { TrackedOrder } from './fulfilment';
import { trackedOrder, workOrder } from './test-fixtures';

function mountCard(order: TrackedOrder, props: Record<string, unknown> = {}) {
  return mount(BoardCard, {
    props: { order, ...props },
    global: { stubs: { RouterLink: RouterLinkStub } },
  });
}

const testIds = (wrapper: ReturnType<typeof mountCard>, prefix: string) =>
  wrapper
    .findAll(`[data-testid^="${prefix}"]`)
    .map((e) => e.attributes('data-testid'))
    .sort();

describe('BoardCard', () => {
  it('shows the number as a link to the order, the customer, the products and the promised date', () => {
    const wrapper = mountCard(trackedOrder('PLACED', { allowedActions: ['confirm', 'cancel'] }));
    const link = wrapper.getComponent(RouterLinkStub);
    expect(link.props('to')).toEqual({ name: 'order', params: { number: 'MTO-AB12-CD34' } });
    expect(link.text()).toBe('MTO-AB12-CD34');
    expect(wrapper.get('[data-testid="card-customer"]').text()).toBe('Grace Hopper');
    expect(wrapper.get('[data-testid="card-products"]').text()).toBe('1 × Custom e-bike');
    expect(wrapper.get('[data-testid="card-promised"]').text()).toBe(formatDay('2026-12-18'));
    // The status as a visible badge.
    expect(wrapper.get('[data-testid="status-badge"]').text()).toBe('Placed');
    expect(wrapper.find('[data-testid="card-late"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="card-expected"]').exists()).toBe(false);
  });

  it('offers only the actions allowed now, and confirm emits confirm', async () => {
    const wrapper = mountCard(trackedOrder('PLACED', { allowedActions: ['confirm', 'cancel'] }));
    expect(testIds(wrapper, 'action-')).toEqual(['action-cancel', 'action-confirm']);
    await wrapper.get('[data-testid="action-confirm"]').trigger('click');
    expect(wrapper.emitted('confirm')).toHaveLength(1);
  });

  it('an order awaiting review says nothing is booked, shows no promised date, and Accept emits acceptReview', async () => {
    const wrapper = mountCard(
      trackedOrder('AWAITING_REVIEW', {
        allowedActions: ['acceptReview', 'cancel'],
        promise: null,
        expectedShipDate: null,
      }),
    );
    expect(testIds(wrapper, 'action-')).toEqual(['action-accept-review', 'action-cancel']);
    expect(wrapper.get('[data-testid="card-promised"]').text()).toBe('—');
    expect(wrapper.get('[data-testid="card-review"]').text()).toMatch(/nothing is booked for it yet/);
    await wrapper.get('[data-testid="action-accept-review"]').trigger('click');
    expect(wrapper.emitted('acceptReview')).toHaveLength(1);
    expect(wrapper.emitted('confirm')).toBeUndefined();
  });

  it('an action the board has no button for shows none (the automatic steps of the lifecycle, which the schema no longer lists)', () => {
    // Not OrderAction values: what an older or newer server could send, which the board must ignore.
    const unknown = ['materialsShort', 'materialsReady'] as unknown as OrderAction[];
    const wrapper = mountCard(trackedOrder('CONFIRMED', { allowedActions: [...unknown, 'cancel'] }));
    expect(testIds(wrapper, 'action-')).toEqual(['action-cancel']);
  });

  it('cancel asks a reason first, refuses an empty one, then emits it', async () => {
    const wrapper = mountCard(trackedOrder('PLACED', { allowedActions: ['confirm', 'cancel'] }));
    await wrapper.get('[data-testid="action-cancel"]').trigger('click');
    expect(wrapper.emitted('cancel')).toBeUndefined();
    await wrapper.get('[data-testid="cancel-form"]').trigger('submit');
    expect(wrapper.emitted('cancel')).toBeUndefined();
    expect(wrapper.get('[data-testid="card-form-error"]').text()).toMatch(/why/i);
    await wrapper.get('[data-testid="cancel-reason"]').setValue('  Customer moved abroad ');
    await wrapper.get('[data-testid="cancel-form"]').trigger('submit');
    expect(wrapper.emitted('cancel')).toEqual([['Customer moved abroad']]);
  });

  it('ship asks the carrier and the tracking number, each error going as soon as its field is filled, then emits both', async () => {
    const wrapper = mountCard(trackedOrder('READY_TO_SHIP', { allowedActions: ['ship'] }));
    await wrapper.get('[data-testid="action-ship"]').trigger('click');
    await wrapper.get('[data-testid="ship-form"]').trigger('submit');
    expect(wrapper.emitted('ship')).toBeUndefined();
    expect(wrapper.get('[data-testid="ship-carrier-error"]').text()).toMatch(/carrier/);
    expect(wrapper.get('[data-testid="ship-tracking-error"]').text()).toMatch(/tracking/);
    expect(wrapper.get('[data-testid="ship-carrier"]').attributes('aria-invalid')).toBe('true');
    // Filling the carrier takes its error away at once; the tracking number's stays until it is given.
    await wrapper.get('[data-testid="ship-carrier"]').setValue('DHL');
    expect(wrapper.find('[data-testid="ship-carrier-error"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="ship-carrier"]').attributes('aria-invalid')).toBeUndefined();
    expect(wrapper.find('[data-testid="ship-tracking-error"]').exists()).toBe(true);
    await wrapper.get('[data-testid="ship-tracking"]').setValue('JD0001');
    expect(wrapper.find('[data-testid="ship-tracking-error"]').exists()).toBe(false);
    await wrapper.get('[data-testid="ship-form"]').trigger('submit');
    expect(wrapper.emitted('ship')).toEqual([['DHL', 'JD0001']]);
  });

  it('offers Start all while work orders are planned and Complete all once every open one is started', async () => {
    const planned = mountCard(
      trackedOrder('IN_PRODUCTION', {
        allowedActions: ['startWork'],
        workOrders: [workOrder(1, 'PAINT', 'DONE'), workOrder(2, 'WHEELS'), workOrder(3, 'PACK')],
      }),
    );
    expect(planned.get('[data-testid="action-start-all"]').text()).toBe('Start all 2 work orders');
    expect(planned.find('[data-testid="action-complete-all"]').exists()).toBe(false);
    await planned.get('[data-testid="action-start-all"]').trigger('click');
    expect(planned.emitted('startAllWork')).toHaveLength(1);

    const started = mountCard(
      trackedOrder('IN_PRODUCTION', {
        allowedActions: ['startWork'],
        workOrders: [workOrder(2, 'WHEELS', 'STARTED'), workOrder(3, 'PACK', 'STARTED')],
      }),
    );
    expect(started.find('[data-testid="action-start-all"]').exists()).toBe(false);
    expect(started.get('[data-testid="action-complete-all"]').text()).toBe('Complete all 2 work orders');
    await started.get('[data-testid="action-complete-all"]').trigger('click');
    expect(started.emitted('completeAllWork')).toHaveLength(1);

    // Not in production: neither.
    const placed = mountCard(trackedOrder('PLACED', { workOrders: [workOrder(2, 'WHEELS')] }));
    expect(placed.find('[data-testid="action-start-all"]').exists()).toBe(false);
  });

  it('links to the order’s pick list, traveller and packing slip', () => {
    const wrapper = mountCard(trackedOrder('PLACED'));
    const targets = wrapper
      .findAllComponents(RouterLinkStub)
      .map((link) => link.props('to'))
      .filter((to) => typeof to === 'object' && ['pick-list', 'traveller', 'packing-slip'].includes(to.name));
    expect(targets).toEqual([
      { name: 'pick-list', params: { number: 'MTO-AB12-CD34' } },
      { name: 'traveller', params: { number: 'MTO-AB12-CD34' } },
      { name: 'packing-slip', params: { number: 'MTO-AB12-CD34' } },
    ]);
  });

  it('lists the work orders with their state; each planned one starts, the started one completes', async () => {
    const wrapper = mountCard(
      trackedOrder('IN_PRODUCTION', {
        allowedActions: ['startWork'],
        workOrders: [workOrder(1, 'PAINT', 'DONE'), workOrder(2, 'WHEELS', 'STARTED'), workOrder(3, 'PACK')],
      }),
    );
    expect(wrapper.get('[data-testid="toggle-work-orders"]').text()).toBe('Work orders: 1 of 3 done');
    await wrapper.get('[data-testid="toggle-work-orders"]').trigger('click');
    expect(wrapper.get('[data-testid="work-order-1"]').text()).toContain('Done');
    expect(wrapper.find('[data-testid="work-order-1"] button').exists()).toBe(false);
    await wrapper.get('[data-testid="action-complete-2"]').trigger('click');
    await wrapper.get('[data-testid="action-start-3"]').trigger('click');
    expect(wrapper.emitted('completeWork')).toEqual([[2]]);
    expect(wrapper.emitted('startWork')).toEqual([[3]]);
    // The next step, on the card itself: complete the started one.
    expect(wrapper.get('[data-testid="action-next-work"]').text()).toBe('Complete wheels');
    await wrapper.get('[data-testid="action-next-work"]').trigger('click');
    expect(wrapper.emitted('completeWork')).toEqual([[2], [2]]);
  });

  it('record quality check and deliver emit their events', async () => {
    const qc = mountCard(trackedOrder('QUALITY_CHECK', { allowedActions: ['passQuality', 'failQuality'] }));
    await qc.get('[data-testid="action-quality"]').trigger('click');
    expect(qc.emitted('quality')).toHaveLength(1);
    const shipped = mountCard(
      trackedOrder('SHIPPED', {
        allowedActions: ['deliver'],
        shipment: {
          carrier: 'DHL',
          trackingNumber: 'JD0001',
          shippedAt: '2026-12-18T10:00:00Z',
          deliveredAt: null,
        },
      }),
    );
    expect(shipped.get('[data-testid="card-shipment"]').text()).toBe('DHL JD0001');
    await shipped.get('[data-testid="action-deliver"]').trigger('click');
    expect(shipped.emitted('deliver')).toHaveLength(1);
  });

  it('says late by how much and why, with the expected date, when the order slipped', () => {
    const wrapper = mountCard(
      trackedOrder('AWAITING_MATERIALS', {
        expectedShipDate: '2026-12-28',
        slip: { days: 5, expectedShipDate: '2026-12-28', cause: 'EB-BAT-750 arrives on 2026-12-21' },
        requisitions: [
          {
            id: 7,
            partNumber: 'EB-BAT-750',
            supplier: 'BMZ',
            orderNumber: 'MTO-AB12-CD34',
            shortage: '1',
            quantity: '4',
            status: 'OPEN',
            dueDate: '2026-12-14',
            expectedDate: '2026-12-21',
            receivedAt: null,
          },
        ],
      }),
    );
    expect(wrapper.get('[data-testid="card-late"]').text()).toBe(
      'Late by 5 working days: EB-BAT-750 arrives on 2026-12-21',
    );
    expect(wrapper.get('[data-testid="card-expected"]').text()).toBe(formatDay('2026-12-28'));
    expect(wrapper.get('[data-testid="card-waiting"]').text()).toMatch(/^Waiting for 1 part:/);
    expect(wrapper.classes()).toContain('board-card--late');
  });

  it('shows a refusal on the card, and disables the buttons while an action runs', () => {
    const wrapper = mountCard(trackedOrder('PLACED', { allowedActions: ['confirm', 'cancel'] }), {
      busy: true,
      refusal: 'An order that is placed cannot ship.',
    });
    const refusal = wrapper.get('[data-testid="card-refusal"]');
    expect(refusal.text()).toBe('An order that is placed cannot ship.');
    expect(refusal.attributes('role')).toBe('alert');
    expect(wrapper.get('[data-testid="action-confirm"]').attributes('disabled')).toBeDefined();
  });
});
