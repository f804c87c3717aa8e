// The plant staff's pages in a real browser at 1440×900 (issue 15) against the BUILT server on a fresh SQLite
// file with the planning date fixed: the operations board fits the screen without sideways scrolling (1440 and
// 1280 px), its order numbers are links in the accent colour, not monospace; "Start all" and "Complete all"
// move an order's work orders; the printable traveller lists the order's BOM part numbers and operations; the
// packing slip shows the customer's build in words with no price and no part number; the quality check's
// pass/fail radios work from the keyboard. No serious accessibility violation on any of them.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CHECKOUT } from '../../server/src/test-support/checkout.js';
import { operation } from '../support/built-server.js';
import {
  browserTestsRun,
  launchBrowser,
  newSignedInPage,
  screenshots,
  seriousAxeViolations,
  sidewaysOverflow,
  startApp,
} from './support/browser.js';

const TODAY = '2026-12-01';
const CHECKOUT = operation('checkout.graphql');
const ORDER_DOCUMENTS = operation('order-documents.graphql');
const CONFIRM = operation('confirm-order.graphql');
const RECEIVE = operation('receive-purchase-requisition.graphql');
const START_ALL = operation('start-order-work-orders.graphql');
const COMPLETE_ALL = operation('complete-order-work-orders.graphql');

const byTestId = (id: string): string => `[data-testid="${id}"]`;
const column = (status: string): string => byTestId(`column-${status}`);

interface DocumentOrder {
  number: string;
  status: string;
  lines: {
    options: { featureLabel: string; kind: string; value: string; valueLabel: string }[];
    bom: { partNumber: string }[];
    operations: { code: string; workCentre: string }[];
  }[];
  fulfilment: { pickList: { partNumber: string; quantity: string; unit: string }[] };
}

describe.runIf(browserTestsRun())('the plant staff’s pages in the browser, against the built server', () => {
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

  async function open(path: string, width = 1440): Promise<Page> {
    const { page, errors } = await newSignedInPage(browser, app, 'operations', width);
    pageErrors.push(errors);
    await page.goto(`${app.base}${path}`);
    return page;
  }

  async function asOperations(query: string, variables: Record<string, unknown>) {
    const { body } = await app.server.graphql(query, variables, {
      sessionToken: await app.session('operations'),
    });
    return body as { data?: Record<string, unknown>; errors?: unknown[] };
  }

  async function documents(number: string): Promise<DocumentOrder> {
    const body = await asOperations(ORDER_DOCUMENTS, { number });
    return (body.data as { order: DocumentOrder }).order;
  }

  /** A guest's e-bike, delivered to the demo address in the customer's name, placed through the checkout's operation. */
  async function placeBike(name: string): Promise<string> {
    const { body } = await app.server.graphql(CHECKOUT, {
      input: {
        idempotencyKey: `browser-operations-${name}-${Date.now()}`,
        customer: { name, email: 'grace@example.com' },
        lines: [{ productCode: 'e-bike', quantity: 1, selections: [] }],
        ...DEMO_CHECKOUT,
        deliveryAddress: { ...DEMO_CHECKOUT.deliveryAddress, name },
      },
    });
    const placed = (body.data as { placeOrder: { __typename: string; number: string } }).placeOrder;
    expect(placed.__typename, JSON.stringify(body)).toBe('Order');
    return placed.number;
  }

  /** Confirmed, and every shortage received: the order is in production with its work orders planned. */
  async function inProduction(name: string): Promise<string> {
    const number = await placeBike(name);
    const confirmed = (await asOperations(CONFIRM, { number })).data?.confirmOrder as {
      fulfilment: { requisitions: { id: number; status: string }[] };
    };
    for (const requisition of confirmed.fulfilment.requisitions)
      if (requisition.status === 'OPEN') await asOperations(RECEIVE, { id: requisition.id });
    expect((await documents(number)).status).toBe('IN_PRODUCTION');
    return number;
  }

  it('(a) the board fits 1440 and 1280 px without sideways scrolling, with order numbers as accent links and status badges', async () => {
    // Orders in several stages: placed, in production, and one whose production is done.
    await placeBike('Ada Lovelace');
    await inProduction('Grace Hopper');
    const checked = await inProduction('Katherine Johnson');
    await asOperations(START_ALL, { number: checked });
    await asOperations(COMPLETE_ALL, { number: checked });

    const page = await open('/operations');
    await page.locator(`${column('QUALITY_CHECK')} ${byTestId(`board-card-${checked}`)}`).waitFor();
    expect(await sidewaysOverflow(page)).toBe(0);
    // Every column is within the viewport, none cut off at the right.
    const rightEdges = await page
      .locator('.board-column')
      .evaluateAll((columns) => columns.map((c) => c.getBoundingClientRect().right));
    expect(rightEdges).toHaveLength(10);
    expect(Math.max(...rightEdges)).toBeLessThanOrEqual(1440);

    const link = page.locator(`${column('QUALITY_CHECK')} ${byTestId('card-order-link')}`).first();
    const style = await link.evaluate((element) => {
      const computed = getComputedStyle(element);
      const accent = getComputedStyle(document.documentElement).getPropertyValue('--color-accent').trim();
      const probe = document.createElement('span');
      probe.style.color = accent;
      document.body.append(probe);
      const accentRgb = getComputedStyle(probe).color;
      probe.remove();
      return { font: computed.fontFamily, color: computed.color, accentRgb };
    });
    expect(style.font).not.toMatch(/mono/i);
    expect(style.color).toBe(style.accentRgb);
    expect(style.color).not.toBe('rgb(0, 0, 238)');
    expect(
      (
        await page
          .locator(`${column('QUALITY_CHECK')} ${byTestId('status-badge')}`)
          .first()
          .textContent()
      )?.trim(),
    ).toBe('Quality check');

    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await sidewaysOverflow(page)).toBe(0);
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(await seriousAxeViolations(page, 'operations board')).toEqual([]);
    await screenshots(page, 'operations-board-fits');
    await page.context().close();
  });

  it('(b) Start all and Complete all move an order’s work orders on the board', async () => {
    const number = await inProduction('Margaret Hamilton');
    const page = await open('/operations');
    const card = (status: string) => page.locator(`${column(status)} ${byTestId(`board-card-${number}`)}`);
    await card('IN_PRODUCTION').locator(byTestId('action-start-all')).click();
    await card('IN_PRODUCTION').locator(byTestId('action-complete-all')).waitFor();
    await card('IN_PRODUCTION').locator(byTestId('toggle-work-orders')).click();
    const statuses = await card('IN_PRODUCTION')
      .locator('[data-testid^="work-order-"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(1);
    expect(new Set(statuses)).toEqual(new Set(['STARTED']));

    await card('IN_PRODUCTION').locator(byTestId('action-complete-all')).click();
    await card('QUALITY_CHECK').waitFor();
    expect((await documents(number)).status).toBe('QUALITY_CHECK');
    await page.context().close();
  });

  it('(c) the traveller lists the order’s BOM part numbers and its operations in sequence, and prints without the site’s header', async () => {
    const number = await inProduction('Hedy Lamarr');
    const order = await documents(number);
    const page = await open(`/operations/orders/${number}/traveller`);
    await page.locator(byTestId('traveller-bom')).waitFor();
    const text = (await page.locator(byTestId('document-traveller-page')).textContent()) ?? '';
    const partNumbers = [
      ...new Set(order.lines.flatMap((line) => line.bom.map((bomLine) => bomLine.partNumber))),
    ];
    expect(partNumbers.length).toBeGreaterThan(10);
    for (const partNumber of partNumbers) expect(text).toContain(partNumber);
    const codes = await page
      .locator(`${byTestId('traveller-operations')} tbody th .work-order__code`)
      .allTextContents();
    expect(codes).toEqual(order.lines[0]!.operations.map((operation) => operation.code));
    expect(await page.locator(byTestId('document-print')).isVisible()).toBe(true);
    expect(await seriousAxeViolations(page, 'traveller')).toEqual([]);
    await screenshots(page, 'traveller');

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.site-header').isVisible()).toBe(false);
    expect(await page.locator(byTestId('document-print')).isVisible()).toBe(false);
    expect(await page.locator(byTestId('traveller-bom')).isVisible()).toBe(true);
    await page.context().close();
  });

  it('(d) the packing slip shows the customer and the build in words, with no price and no part number; the pick list the parts with their quantities', async () => {
    const number = await inProduction('Annie Easley');
    const order = await documents(number);
    const page = await open(`/operations/orders/${number}/packing-slip`);
    await page.locator(byTestId('slip-lines')).waitFor();
    const text = (await page.locator(byTestId('document-packing-slip-page')).textContent()) ?? '';
    // Where it goes: the order's delivery address, its country in words.
    const address = (await page.locator(byTestId('slip-address')).textContent()) ?? '';
    expect(address).toContain('Annie Easley');
    expect(address).toContain(DEMO_CHECKOUT.deliveryAddress.line1);
    expect(address).toContain(
      `${DEMO_CHECKOUT.deliveryAddress.postalCode} ${DEMO_CHECKOUT.deliveryAddress.city}`,
    );
    expect(address).toContain('Germany');
    expect(text).toContain('Custom e-bike');
    const options = order.lines[0]!.options;
    const battery = options.find((option) => option.featureLabel === 'Battery')!;
    expect(text).toContain(`Battery: ${battery.valueLabel}`);
    // A yes/no feature in words by its kind, never its stored "true"/"false".
    const cargoBox = options.find((option) => option.featureLabel === 'Front cargo box')!;
    expect(cargoBox).toMatchObject({ kind: 'boolean', value: 'false' });
    expect(text).toContain('Front cargo box: No');
    expect(text).not.toMatch(/: (true|false)\b/);
    for (const partNumber of order.lines.flatMap((line) => line.bom.map((bomLine) => bomLine.partNumber)))
      expect(text).not.toContain(partNumber);
    expect(text).not.toMatch(/€|EUR|\$|£|\d+[.,]\d{2}\b/);
    expect(await seriousAxeViolations(page, 'packing slip')).toEqual([]);
    await screenshots(page, 'packing-slip');

    await page.locator(byTestId('document-pick-list')).first().click();
    await page.locator(byTestId('pick-list')).waitFor();
    for (const pick of order.fulfilment.pickList) {
      const row = page.locator(byTestId(`pick-${pick.partNumber}`));
      expect((await row.locator(byTestId('pick-quantity')).textContent())?.trim()).toContain(pick.unit);
    }
    expect(await page.locator(`${byTestId('pick-list')} tbody tr`).count()).toBe(
      order.fulfilment.pickList.length,
    );
    expect(await seriousAxeViolations(page, 'pick list')).toEqual([]);
    await page.context().close();
  });

  it('(e) the quality check’s pass and fail are radios a keyboard can work: Space picks, arrows move', async () => {
    const number = await inProduction('Mary Jackson');
    await asOperations(START_ALL, { number });
    await asOperations(COMPLETE_ALL, { number });
    const page = await open(`/operations/orders/${number}/quality`);
    const form = page.locator(byTestId('qc-form'));
    await form.waitFor();
    const first = (
      (await form.locator('[data-testid^="qc-item-"]').first().getAttribute('data-testid')) ?? ''
    ).replace('qc-item-', '');
    const pass = form.locator(byTestId(`qc-pass-${first}`));
    const fail = form.locator(byTestId(`qc-fail-${first}`));

    // Unanswered and sent: the item is marked, and says so.
    await form.locator(byTestId('qc-submit')).click();
    await form.locator(byTestId('qc-missing')).waitFor();

    // Tab from the "every item passed" button reaches the first item's radios.
    await form.locator(byTestId('qc-all-passed')).focus();
    await page.keyboard.press('Tab');
    expect(await pass.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Space');
    expect(await pass.isChecked()).toBe(true);
    await page.keyboard.press('ArrowRight');
    expect(await fail.isChecked()).toBe(true);
    expect(await pass.isChecked()).toBe(false);
    // The focused radio shows a focus ring on its card.
    const outline = await fail.evaluate(
      (element) => getComputedStyle(element.nextElementSibling as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    expect(await form.locator(byTestId(`qc-item-${first}`)).getAttribute('class')).toContain(
      'qc-item--failed',
    );
    expect(await seriousAxeViolations(page, 'quality check')).toEqual([]);
    await screenshots(page, 'quality-check');
    await page.context().close();
  });
});
