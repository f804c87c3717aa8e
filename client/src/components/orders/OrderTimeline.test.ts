import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../graphql/graphql';
import type { Fulfilment } from '../operations/fulfilment';
import { trackedOrder } from '../operations/test-fixtures';
import OrderTimeline from './OrderTimeline.vue';

function mountTimeline(status: OrderStatus, fulfilment: Partial<Fulfilment> = {}) {
  return mount(OrderTimeline, { props: { status, fulfilment: trackedOrder(status, fulfilment).fulfilment } });
}

const EVENTS: Fulfilment['events'] = [
  {
    at: '2026-12-01T09:30:00.000Z',
    actor: 'Grace Hopper',
    kind: 'PLACED',
    fromStatus: null,
    toStatus: 'PLACED',
    message: 'Order placed',
  },
  {
    at: '2026-12-01T10:00:00.000Z',
    actor: 'Sam Sales',
    kind: 'CONFIRMED',
    fromStatus: 'PLACED',
    toStatus: 'CONFIRMED',
    message: 'Confirmed',
  },
  {
    at: '2026-12-01T10:00:01.000Z',
    actor: 'system',
    kind: 'AWAITING_MATERIALS',
    fromStatus: 'CONFIRMED',
    toStatus: 'AWAITING_MATERIALS',
    message: '1 part is short',
  },
  {
    at: '2026-12-02T08:00:00.000Z',
    actor: 'Wes Workshop',
    kind: 'WORK_STARTED',
    fromStatus: null,
    toStatus: null,
    message: 'PAINT started at PAINT-SHOP',
  },
];

describe('OrderTimeline', () => {
  it('lists every event, oldest first, with when, what and who', () => {
    const wrapper = mountTimeline('IN_PRODUCTION', { events: EVENTS });
    const items = wrapper.findAll('[data-testid="timeline-event"]');
    expect(items.map((item) => item.attributes('data-kind'))).toEqual([
      'PLACED',
      'CONFIRMED',
      'AWAITING_MATERIALS',
      'WORK_STARTED',
    ]);
    expect(items[1]!.text()).toContain('Order confirmed');
    expect(items[1]!.text()).toContain('by Sam Sales');
    expect(items[2]!.text()).toContain('automatically');
    expect(items[3]!.text()).toContain('PAINT started at PAINT-SHOP');
    expect(items[0]!.get('time').attributes('datetime')).toBe('2026-12-01T09:30:00.000Z');
    expect(items[0]!.get('time').text()).toMatch(/2026/);
  });

  it('shows the promised ship date, the expected one on time, and what sets it', () => {
    const wrapper = mountTimeline('CONFIRMED');
    expect(wrapper.get('[data-testid="promised-ship-date"]').text()).toMatch(/^(18 Dec|Dec 18,) 2026$/);
    expect(wrapper.get('[data-testid="expected-ship-date"]').text()).toMatch(/^(18 Dec|Dec 18,) 2026$/);
    expect(wrapper.find('[data-testid="on-time"]').exists()).toBe(true);
    expect(wrapper.get('[data-testid="bottleneck"]').text()).toContain('the work itself');
    expect(wrapper.find('[data-testid="slip"]').exists()).toBe(false);
  });

  it('an order awaiting review says so instead of a ship date', () => {
    const wrapper = mountTimeline('AWAITING_REVIEW', { promise: null, expectedShipDate: null });
    expect(wrapper.get('[data-testid="awaiting-review"]').text()).toMatch(/waits for review/);
    expect(wrapper.find('[data-testid="promised-ship-date"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="expected-ship-date"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="bottleneck"]').exists()).toBe(false);
    expect(mountTimeline('PLACED').find('[data-testid="awaiting-review"]').exists()).toBe(false);
  });

  it('when the order slipped: the expected date, late by how much and why', () => {
    const wrapper = mountTimeline('AWAITING_MATERIALS', {
      expectedShipDate: '2026-12-28',
      slip: { days: 5, expectedShipDate: '2026-12-28', cause: 'the Battery 750 Wh now arrives on 21 Dec' },
    });
    expect(wrapper.get('[data-testid="promised-ship-date"]').text()).toMatch(/^(18 Dec|Dec 18,) 2026$/);
    expect(wrapper.get('[data-testid="expected-ship-date"]').text()).toMatch(/^(28 Dec|Dec 28,) 2026$/);
    expect(wrapper.find('[data-testid="on-time"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="slip"]').text()).toBe(
      'Late by 5 working days: the Battery 750 Wh now arrives on 21 Dec',
    );
  });

  it('once shipped: the carrier and the tracking number', () => {
    const wrapper = mountTimeline('SHIPPED', {
      shipment: {
        carrier: 'DHL',
        trackingNumber: 'JD0001',
        shippedAt: '2026-12-18T10:00:00.000Z',
        deliveredAt: null,
      },
    });
    expect(wrapper.get('[data-testid="shipment"]').text()).toContain('with DHL');
    expect(wrapper.get('[data-testid="tracking-number"]').text()).toBe('JD0001');
    expect(wrapper.find('[data-testid="expected-ship-date"]').exists()).toBe(false);
  });
});
