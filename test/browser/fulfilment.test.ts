// Make-to-order fulfilment in a real browser (issue 6) against the BUILT server on a fresh SQLite file with
// the planning date fixed (MTO_TODAY): an e-bike with the 750 Wh battery (none in stock) is placed through
// the API, then walked across the operations board by clicking its buttons (confirm; receive the battery
// on the materials page; start and complete each work order; a passing quality check in its form; ship
// with carrier and tracking number), signed in as the demo operations user; the staff order page then shows
// every event in its timeline with who did it, and the guest's tracking page the same events without who. Also: the configurator's "Ships by" and what the battery does to it; an
// order too large for the plant waiting for review (no date for the customer) and accepted on the board.
// Screenshots of each page at 1440 and 375 px go to artifacts/screenshots/ (git-ignored).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHECKOUT } from '../../server/src/test-support/checkout.js';
import { operation } from '../support/built-server.js';
import {
  browserTestsRun,
  launchBrowser,
  newPage,
  newSignedInPage,
  screenshots,
  startApp,
} from './support/browser.js';

const TODAY = '2026-12-01';
const CHECKOUT = operation('checkout.graphql');
const ORDER_TRACKING = operation('order-tracking.graphql');

const byTestId = (id: string): string => `[data-testid="${id}"]`;
const column = (status: string): string => byTestId(`column-${status}`);

/**
 * A plant date as the board and the staff's order page write it: in the browser's own variant of English (client/src/i18n
 * formatDay: "Dec 18, 2026" in en-US, "18 Dec 2026" in en-GB).
 */
const boardDay = (page: Page, iso: string): Promise<string> =>
  page.evaluate((date) => {
    const locale = navigator.languages.find((l) => l.toLowerCase().startsWith('en-')) ?? 'en-GB';
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${date}T00:00:00Z`),
    );
  }, iso);

interface Tracked {
  number: string;
  /** The guest's link (/track/<token>), kept from placing the order. */
  trackingToken?: string;
  status: string;
  fulfilment: {
    promise: { shipDate: string; bottleneck: { kind: string; subject: string } } | null;
    events: { kind: string; actor: string }[];
    workOrders: { id: number; status: string; rework: boolean }[];
    requisitions: { partNumber: string; status: string }[];
    shipment: { carrier: string; trackingNumber: string } | null;
  };
}

describe.runIf(browserTestsRun())('fulfilment in the browser, against the built server', () => {
  let app: Awaited<ReturnType<typeof startApp>>;
  let browser: Browser;
  const pageErrors: string[][] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp({ env: { MTO_TODAY: TODAY } }), launchBrowser()]);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  afterEach(() => {
    const errors = pageErrors.splice(0).flat();
    expect(errors).toEqual([]);
  });

  /** A page signed in as the demo operations user (the staff pages need the role); `guest`: anonymous. */
  async function open(
    path: string,
    width?: number,
    as: 'operations' | 'guest' = 'operations',
    options: { live?: boolean } = {},
  ): Promise<Page> {
    const { page, errors } =
      as === 'guest' ? await newPage(browser, width) : await newSignedInPage(browser, app, as, width);
    pageErrors.push(errors);
    // A page cut off from live updates: its WebSocket is taken and never answered.
    if (options.live === false) await page.routeWebSocket(/\/graphql/, () => {});
    await page.goto(`${app.base}${path}`);
    return page;
  }

  /** A request as the demo operations user (staff actions, internal fields). */
  async function asOperations(query: string, variables: Record<string, unknown>) {
    return app.server.graphql(query, variables, { sessionToken: await app.session('operations') });
  }

  async function track(number: string): Promise<Tracked> {
    const { body } = await asOperations(ORDER_TRACKING, { number });
    return (body.data as { order: Tracked }).order;
  }

  /** A guest's order (the checkout's operation, anonymous), then read in full as operations. */
  async function placeBike(name: string): Promise<Tracked> {
    const { body } = await app.server.graphql(CHECKOUT, {
      input: {
        ...DEMO_CHECKOUT,
        idempotencyKey: `browser-fulfilment-${name}-${Date.now()}`,
        ...DEMO_CHECKOUT,
        customer: { name, email: 'grace@example.com' },
        lines: [{ productCode: 'e-bike', quantity: 1, selections: [{ feature: 'battery', value: 'b750' }] }],
      },
    });
    const placed = (
      body.data as { placeOrder: { __typename: string; number: string; trackingToken: string } }
    ).placeOrder;
    expect(placed.__typename, JSON.stringify(body)).toBe('Order');
    return { ...(await track(placed.number)), trackingToken: placed.trackingToken };
  }

  it('(a) the configurator says when a complete e-bike ships, and what the out-of-stock battery does to it', async () => {
    const page = await open('/configure/e-bike', undefined, 'guest');
    const promise = page.locator(byTestId('promise'));
    await promise.waitFor();
    expect(await page.locator(byTestId('promise-date')).textContent()).toMatch(/\d{4}$/);
    expect((await page.locator(byTestId('promise-bottleneck')).textContent())?.trim()).toMatch(/\w{5,}/);
    // The 750 Wh battery has none in stock: switching to it ships later.
    const effect = page.locator(byTestId('promise-battery-b750'));
    await effect.waitFor();
    expect((await effect.textContent())?.trim()).toMatch(/^\+\d+ (days?|weeks?)/);
    await screenshots(page, 'configurator-promise');
    // Taking it: the date moves to the one the effect announced.
    const announced = ((await effect.getAttribute('title')) ?? '').match(
      /Ships by (.+) with this option/,
    )?.[1];
    expect(announced).toMatch(/\d{4}$/);
    const before = await page.locator(byTestId('promise-date')).textContent();
    await page.locator(byTestId('option-battery-b750')).click();
    await expect.poll(() => page.locator(byTestId('promise-date')).textContent()).toBe(announced);
    expect(announced).not.toBe(before);
    expect(await page.locator(byTestId('promise-bottleneck')).textContent()).toMatch(/750/);
    await page.context().close();
  });

  it('(b) an order walks the board from placed to shipped by its buttons, and the customer sees each event', async () => {
    const placed = await placeBike('Grace Hopper');
    const number = placed.number;
    expect(placed.fulfilment.promise?.bottleneck).toMatchObject({ kind: 'material', subject: 'EB-BAT-750' });
    const card = byTestId(`board-card-${number}`);
    const cardIn = (status: string) => page.locator(`${column(status)} ${card}`);

    const page = await open('/operations');
    await cardIn('PLACED').waitFor();
    expect(await cardIn('PLACED').locator(byTestId('card-promised')).textContent()).toBe(
      await boardDay(page, placed.fulfilment.promise!.shipDate),
    );
    await screenshots(page, 'operations-board');

    // Confirm: the battery is short, so the order waits for materials.
    await cardIn('PLACED').locator(byTestId('action-confirm')).click();
    await cardIn('AWAITING_MATERIALS').waitFor();
    expect(
      (await cardIn('AWAITING_MATERIALS').locator(byTestId('card-waiting')).textContent())?.trim(),
    ).toMatch(/^Waiting for 1 part/);

    // Receive it on the materials page (through the header's link).
    await page.locator(byTestId('nav-materials')).click();
    await page.waitForURL(/\/materials$/);
    const requisitions = page.locator(`${byTestId('requisitions')} tr[data-order="${number}"]`);
    await requisitions.first().waitFor();
    expect(await requisitions.first().getAttribute('data-part')).toBe('EB-BAT-750');
    await page
      .locator(`${byTestId('backorders')} tbody tr`)
      .first()
      .waitFor();
    await screenshots(page, 'materials');

    // Adjust stock: the server's refusal shows next to the field it names, then a good change is taken.
    await page.locator(byTestId('materials-search')).fill('EB-FRM-M');
    const frame = page.locator(byTestId('part-EB-FRM-M'));
    await expect.poll(() => page.locator('[data-testid^="part-EB-"]').count()).toBe(1);
    const onHand = Number(await frame.locator(byTestId('part-on-hand')).textContent());
    await frame.locator(byTestId('part-adjust')).click();
    const adjust = page.locator(byTestId('adjust-form-EB-FRM-M'));
    await adjust.locator(byTestId('adjust-quantity')).fill(`-${onHand + 5}`);
    await adjust.locator(byTestId('adjust-reason')).fill('Cycle count');
    await adjust.locator(byTestId('adjust-submit')).click();
    await adjust.locator(byTestId('adjust-error-quantity')).waitFor();
    expect((await adjust.locator(byTestId('adjust-error-quantity')).textContent())?.trim()).toMatch(
      /reserved/,
    );
    expect(await adjust.locator(byTestId('adjust-quantity')).getAttribute('aria-invalid')).toBe('true');
    expect(await adjust.locator(byTestId('adjust-error-reason')).count()).toBe(0);
    await adjust.locator(byTestId('adjust-quantity')).fill('+2');
    await adjust.locator(byTestId('adjust-submit')).click();
    await expect
      .poll(async () => Number(await frame.locator(byTestId('part-on-hand')).textContent()))
      .toBe(onHand + 2);
    expect(await page.locator(byTestId('materials-notice')).textContent()).toContain('EB-FRM-M');
    // The change is audited: it heads the part's movements, with its reason.
    const latest = page.locator(`${byTestId('movements-EB-FRM-M')} ${byTestId('movement')}`).first();
    await expect.poll(async () => (await latest.textContent()) ?? '').toContain('Cycle count');
    expect(await latest.textContent()).toContain('+2');
    await page.locator(byTestId('materials-search')).fill('');
    while ((await requisitions.count()) > 0) {
      const before = await requisitions.count();
      await requisitions.first().locator(byTestId('requisition-receive')).click();
      await expect.poll(() => requisitions.count()).toBe(before - 1);
    }
    expect(await page.locator(byTestId('materials-notice')).textContent()).toContain(number);

    // Back on the board it is in production: start and complete each work order from its list.
    await page.locator(byTestId('nav-operations')).click();
    await page.waitForURL(/\/operations$/);
    await cardIn('IN_PRODUCTION').waitFor();
    await cardIn('IN_PRODUCTION').locator(byTestId('toggle-work-orders')).click();
    const workOrders = placed.fulfilment.workOrders.length;
    expect(workOrders).toBeGreaterThan(2);
    let screenshotTaken = false;
    for (let step = 0; step < workOrders * 2; step++) {
      const button = cardIn('IN_PRODUCTION')
        .locator(`${byTestId('work-orders')} button`)
        .first();
      const label = (await button.getAttribute('aria-label')) ?? '';
      expect(label).toMatch(/^(Start|Complete) /);
      await button.click();
      await expect
        .poll(async () => {
          if ((await cardIn('QUALITY_CHECK').count()) > 0) return 'moved';
          return (await button.getAttribute('aria-label')) ?? '';
        })
        .not.toBe(label);
      if (!screenshotTaken && step === 2) {
        await screenshots(page, 'operations-board-production');
        screenshotTaken = true;
      }
    }
    await cardIn('QUALITY_CHECK').waitFor();
    expect((await track(number)).fulfilment.workOrders.every((w) => w.status === 'DONE')).toBe(true);

    // A passing quality check, in its form.
    await cardIn('QUALITY_CHECK').locator(byTestId('action-quality')).click();
    const dialog = page.locator(byTestId('qc-dialog'));
    await dialog.locator(byTestId('qc-form')).waitFor();
    // Every item must be answered: sending too early says so, and records nothing.
    await dialog.locator(byTestId('qc-submit')).click();
    await dialog.locator(byTestId('qc-missing')).waitFor();
    await dialog.locator(byTestId('qc-all-passed')).click();
    await dialog.locator(byTestId('qc-notes')).fill('All good, test ride done');
    await screenshots(page, 'quality-check');
    await dialog.locator(byTestId('qc-submit')).click();
    await cardIn('READY_TO_SHIP').waitFor();
    expect(await dialog.isVisible()).toBe(false);

    // Ship with carrier and tracking number.
    await cardIn('READY_TO_SHIP').locator(byTestId('action-ship')).click();
    await cardIn('READY_TO_SHIP').locator(byTestId('ship-carrier')).fill('DHL');
    await cardIn('READY_TO_SHIP').locator(byTestId('ship-tracking')).fill('JD014600006281');
    await cardIn('READY_TO_SHIP').locator(byTestId('ship-submit')).click();
    await expect.poll(() => cardIn('SHIPPED').count()).toBe(1);
    // The shipped column is collapsed; its count says one more.
    expect(
      Number(
        await page
          .locator(byTestId('count-SHIPPED'))
          .textContent()
          .then((t) => t?.match(/\d+/)?.[0]),
      ),
    ).toBe(1);

    const shipped = await track(number);
    expect(shipped.status).toBe('SHIPPED');
    expect(shipped.fulfilment.shipment).toMatchObject({ carrier: 'DHL', trackingNumber: 'JD014600006281' });
    const transitions = shipped.fulfilment.events.map((event) => event.kind);
    for (const kind of [
      'PLACED',
      'CONFIRMED',
      'MATERIAL_RECEIVED',
      'WORK_STARTED',
      'WORK_COMPLETED',
      'QUALITY_PASSED',
      'SHIPPED',
    ]) {
      expect(transitions).toContain(kind);
    }

    // The staff order page, from the card's link (the shipped column opened first).
    await page.locator(`${column('SHIPPED')} .board-column__toggle`).click();
    await cardIn('SHIPPED').locator(byTestId('card-shipment')).waitFor();
    await cardIn('SHIPPED').locator(byTestId('card-order-link')).click();
    await page.waitForURL(new RegExp(`/orders/${number}$`));
    const timeline = page.locator(byTestId('timeline-event'));
    await timeline.first().waitFor();
    const shown = await timeline.evaluateAll((items) => items.map((item) => item.getAttribute('data-kind')));
    expect(shown).toEqual(transitions);
    expect(await page.locator(byTestId('promised-ship-date')).textContent()).toBe(
      await boardDay(page, placed.fulfilment.promise!.shipDate),
    );
    expect(await page.locator(byTestId('tracking-number')).textContent()).toBe('JD014600006281');
    expect(await page.locator(byTestId('shipment')).textContent()).toContain('DHL');
    const texts = await timeline.allTextContents();
    expect(texts.find((t) => t.includes('Order confirmed'))).toContain('by ops@demo.example');
    expect(texts.at(-1)).toContain('Shipped');
    await screenshots(page, 'order-status-shipped');
    await page.context().close();

    // The guest's tracking page: the same events and shipment, without who did them (an internal field).
    const guest = await open(`/track/${placed.trackingToken}`, 375, 'guest');
    const guestTimeline = guest.locator(byTestId('timeline-event'));
    await guestTimeline.first().waitFor();
    expect(
      await guestTimeline.evaluateAll((items) => items.map((item) => item.getAttribute('data-kind'))),
    ).toEqual(transitions);
    expect(await guest.locator(byTestId('tracking-number')).textContent()).toBe('JD014600006281');
    expect((await guestTimeline.allTextContents()).join(' ')).not.toMatch(/ops@demo\.example|automatically/);
    await guest.context().close();
  });

  it('(c) a refused action shows its message on the card, never silently', async () => {
    const placed = await placeBike('Ada Lovelace');
    // A board that has not heard of the change (its live connection down): live, it would move the card
    // to Cancelled before the click.
    const page = await open('/operations', undefined, 'operations', { live: false });
    const card = page.locator(`${column('PLACED')} ${byTestId(`board-card-${placed.number}`)}`);
    await card.waitFor();
    // Someone else cancels it meanwhile; this board still offers confirm.
    const { body } = await asOperations(operation('cancel-order.graphql'), {
      number: placed.number,
      reason: 'Customer changed their mind',
    });
    expect(JSON.stringify(body)).toContain('CANCELLED');
    await card.locator(byTestId('action-confirm')).click();
    // The board reloads (the order is cancelled now) and says why the confirm did nothing.
    const cancelled = page.locator(`${column('CANCELLED')} ${byTestId(`board-card-${placed.number}`)}`);
    await page.locator(`${column('CANCELLED')} .board-column__toggle`).click();
    await cancelled.locator(byTestId('card-refusal')).waitFor();
    expect((await cancelled.locator(byTestId('card-refusal')).textContent())?.trim()).toMatch(/cancel/i);
    await page.context().close();
  });

  it('(d) the quality check page of its own: a failed item sends the order back to production for rework', async () => {
    // An e-bike as it comes (its parts in stock), taken to quality control through the API.
    const { body } = await app.server.graphql(CHECKOUT, {
      input: {
        ...DEMO_CHECKOUT,
        idempotencyKey: `browser-fulfilment-qc-${Date.now()}`,
        ...DEMO_CHECKOUT,
        customer: { name: 'Quinn Rider', email: 'quinn@example.com' },
        lines: [{ productCode: 'e-bike', quantity: 1, selections: [] }],
      },
    });
    const number = (body.data as { placeOrder: { number: string } }).placeOrder.number;
    await asOperations(operation('confirm-order.graphql'), { number });
    let order = await track(number);
    expect(order.status).toBe('IN_PRODUCTION');
    for (const workOrder of order.fulfilment.workOrders) {
      await asOperations(operation('start-work-order.graphql'), { id: workOrder.id });
      await asOperations(operation('complete-work-order.graphql'), { id: workOrder.id });
    }
    expect((await track(number)).status).toBe('QUALITY_CHECK');

    const page = await open(`/operations/orders/${number}/quality`);
    const form = page.locator(byTestId('qc-form'));
    await form.waitFor();
    await form.locator(byTestId('qc-all-passed')).click();
    const items = form.locator('[data-testid^="qc-item-"]');
    const first = ((await items.first().getAttribute('data-testid')) ?? '').replace('qc-item-', '');
    await form.locator(byTestId(`qc-fail-${first}`)).check();
    await form.locator(byTestId(`qc-note-${first}`)).fill('paint run on the top tube');
    expect(await form.locator(byTestId('qc-verdict-pass')).isDisabled()).toBe(true);
    await form.locator(byTestId('qc-submit')).click();
    await page.locator(byTestId('qc-recorded')).waitFor();
    expect(await page.locator(byTestId('qc-recorded')).textContent()).toContain('back in production');
    order = await track(number);
    expect(order.status).toBe('IN_PRODUCTION');
    expect(order.fulfilment.events.map((event) => event.kind)).toContain('QUALITY_FAILED');
    expect(order.fulfilment.workOrders.filter((workOrder) => workOrder.rework)).toHaveLength(1);
    await page.context().close();
  });
  it('(e) an order too large for the plant waits for review: the customer sees no date, operations accept it', async () => {
    // 5 lines × 20 cargo e-bikes: 28% of Assembly's next 60 working days (server/src/fulfilment/review.api.test.ts).
    const cargo = {
      productCode: 'e-bike',
      quantity: 20,
      selections: [
        { feature: 'cargo_box', value: 'true' },
        { feature: 'accessories', values: ['kickstand_dual', 'rack', 'lights'] },
      ],
    };
    const { body } = await app.server.graphql(CHECKOUT, {
      input: {
        ...DEMO_CHECKOUT,
        customer: { name: 'Fleet Buyer', email: 'fleet@example.com' },
        lines: Array(5).fill(cargo),
      },
    });
    const { number, trackingToken } = (body.data as { placeOrder: { number: string; trackingToken: string } })
      .placeOrder;
    expect((await track(number)).status).toBe('AWAITING_REVIEW');

    const customer = await open(`/track/${trackingToken}`, undefined, 'guest');
    await customer.locator(byTestId('awaiting-review')).waitFor();
    expect(await customer.locator(byTestId('promised-ship-date')).count()).toBe(0);
    await customer.context().close();

    const page = await open('/operations');
    const card = (status: string) => page.locator(`${column(status)} ${byTestId(`board-card-${number}`)}`);
    await card('AWAITING_REVIEW').waitFor();
    expect(await page.locator(`${column('AWAITING_REVIEW')} .board-column__toggle`).textContent()).toMatch(
      /Awaiting review/,
    );
    await card('AWAITING_REVIEW').locator(byTestId('action-accept-review')).click();
    await card('PLACED').waitFor();
    const accepted = await track(number);
    expect(accepted.status).toBe('PLACED');
    expect(await card('PLACED').locator(byTestId('card-promised')).textContent()).toBe(
      await boardDay(page, accepted.fulfilment.promise!.shipDate),
    );
    await page.context().close();
  });
});
