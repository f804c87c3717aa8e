import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { OrderEventKind, OrderStatus } from '../../graphql/graphql';
import CustomerDelivery from './CustomerDelivery.vue';
import { customerOrder } from './customer-order.fixture';

function mountDelivery(...args: Parameters<typeof customerOrder>) {
  const order = customerOrder(...args);
  return mount(CustomerDelivery, { props: { fulfilment: order.fulfilment, status: order.status } });
}

describe('CustomerDelivery', () => {
  it('gives the promise in plain words, on time, and the customer’s events in words', () => {
    const wrapper = mountDelivery();
    // The day as the reader's locale writes it (the test browser's: en-GB or en-US), with its weekday.
    expect(wrapper.get('[data-testid="promise"]').text()).toMatch(
      /^We promise to ship by Fri, (18 Dec|Dec 18,) 2026/,
    );
    expect(wrapper.find('[data-testid="on-time"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="slip"]').exists()).toBe(false);
    expect(
      wrapper.findAll('[data-testid="timeline-event"]').map((event) => event.find('.timeline__what').text()),
    ).toEqual(['Order received.', 'The materials for your build are planned.']);
  });

  it('when it slipped: the new date, how many working days later, and why in the customer’s words', () => {
    const wrapper = mountDelivery(OrderStatus.AwaitingMaterials, {
      expectedShipDate: '2026-12-23',
      slip: { days: 3, expectedShipDate: '2026-12-23' },
    });
    expect(wrapper.get('[data-testid="slip"]').text()).toMatch(
      /^Now expected on Wed, (23 Dec|Dec 23,) 2026, 3 working days later than promised: a part for your build arrives later than planned$/,
    );
    expect(wrapper.find('[data-testid="on-time"]').exists()).toBe(false);
  });

  it('an order awaiting review says so and promises nothing yet', () => {
    const wrapper = mountDelivery(OrderStatus.AwaitingReview, { promise: null, expectedShipDate: null });
    expect(wrapper.get('[data-testid="awaiting-review"]').text()).toMatch(/waits for review/);
    expect(wrapper.find('[data-testid="promise"]').exists()).toBe(false);
  });

  it('once shipped: the carrier, the tracking number with a link to a known carrier’s page, and the delivery', () => {
    const shipped = mountDelivery(OrderStatus.Delivered, {
      shipment: {
        carrier: 'DHL',
        trackingNumber: 'JD0001 23',
        shippedAt: '2026-12-18T10:00:00.000Z',
        deliveredAt: '2026-12-21T12:00:00.000Z',
      },
      events: [
        {
          at: '2026-12-18T10:00:00.000Z',
          kind: OrderEventKind.Shipped,
          fromStatus: OrderStatus.ReadyToShip,
          toStatus: OrderStatus.Shipped,
        },
      ],
    });
    expect(shipped.get('[data-testid="shipment"]').text()).toContain('with DHL');
    expect(shipped.get('[data-testid="tracking-number"]').text()).toBe('JD0001 23');
    expect(shipped.get('[data-testid="carrier-tracking-link"]').attributes('href')).toBe(
      'https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD0001%2023',
    );
    expect(shipped.get('[data-testid="delivered"]').text()).toMatch(/^Delivered on (21 Dec|Dec 21,) 2026$/);
    const unknown = mountDelivery(OrderStatus.Shipped, {
      shipment: {
        carrier: 'Spedition Meier',
        trackingNumber: 'M-1',
        shippedAt: '2026-12-18T10:00:00.000Z',
        deliveredAt: null,
      },
    });
    expect(unknown.find('[data-testid="carrier-tracking-link"]').exists()).toBe(false);
    expect(unknown.get('[data-testid="tracking-number"]').text()).toBe('M-1');
  });
});
