import type { EntityManager } from '@mikro-orm/core';
import type { CatalogService } from '../catalog/catalog.service.js';
import { optionsInWords } from '../catalog/options-in-words.js';
import { countryName } from '../checkout/address.js';
import { formatMinorUnits, type SelectionValue } from '../engine/index.js';
import type { MailService } from '../mail/mail.service.js';
import type { Order, OrderAddressSnapshot } from './order.entity.js';

/**
 * Tells the customer their order was placed: one mail, written to the outbox (mail/) in the transaction that
 * placed the order, so it exists exactly when the order does (a refused order, a rolled-back one or a retry
 * with the same idempotency key writes none). What the customer may read only: the lines with their options
 * in words, the amounts, the promise, and the link that opens the order (a guest's tracking link, or the
 * order's page for an account's order). Nothing internal (no BOM, parts, suppliers, work orders).
 */
export class OrderAcknowledgement {
  constructor(
    private readonly mail: MailService,
    private readonly catalog: CatalogService,
    /** The site's address as customers reach it (PUBLIC_URL), for the link. */
    private readonly publicUrl: string,
  ) {}

  /** Writes the acknowledgement of a just-placed order; `trackingToken` exists only now (a guest's link). */
  orderPlaced(em: EntityManager, order: Order, trackingToken: string): void {
    const content = acknowledgementOf(order, this.linkOf(order, trackingToken), this.catalog);
    this.mail.enqueue(em, {
      to: order.customer.email,
      subject: content.subject,
      text: content.text,
      html: content.html,
      kind: 'ORDER_ACKNOWLEDGED',
      relatedRef: order.number,
    });
  }

  private linkOf(order: Order, trackingToken: string): string {
    const base = this.publicUrl.replace(/\/+$/, '');
    return order.account
      ? `${base}/orders/${encodeURIComponent(order.number)}`
      : `${base}/track/${encodeURIComponent(trackingToken)}`;
  }
}

/** One line of the mail: product, quantity, the options in words and the line's total. */
interface MailLine {
  product: string;
  quantity: number;
  options: { label: string; value: string }[];
  total: string;
}

/** A labelled amount (goods, shipping, a tax line, the total). */
interface MailAmount {
  label: string;
  amount: string;
}

/** The acknowledgement's content, before it is written as text and HTML. */
export interface Acknowledgement {
  subject: string;
  greeting: string;
  intro: string;
  lines: MailLine[];
  amounts: MailAmount[];
  notes: string[];
  facts: MailAmount[];
  link: string;
  /** What the link opens and how. */
  linkNote: string;
  text: string;
  html: string;
}

const SHIP_DATE = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Tue, 15 Dec 2026" from 2026-12-15. */
export function shipDateInWords(isoDate: string): string {
  const parts = SHIP_DATE.formatToParts(new Date(`${isoDate}T00:00:00Z`));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')}, ${part('day')} ${part('month')} ${part('year')}`;
}

/** The mail for an order as placed: subject, the parts of the body, and the body as text and HTML. */
export function acknowledgementOf(order: Order, link: string, catalog: CatalogService): Acknowledgement {
  const waits = order.status === 'AWAITING_REVIEW';
  const digits = order.lines.getItems()[0]?.price.currencyDigits ?? 2;
  const money = (minor: number) => `${formatMinorUnits(minor, digits)} ${order.currency}`;
  const lines = order.lines.getItems().map((line) => {
    const { model } = catalog.loaded(line.modelVersion);
    const words = optionsInWords(model, line.selection as Record<string, SelectionValue | null>);
    return {
      product: model.name,
      quantity: line.quantity,
      options: words.map((w) => ({ label: w.featureLabel, value: w.valueLabel })),
      total: money(line.totalMinor),
    };
  });
  const content = {
    subject: waits
      ? `Your order ${order.number} is received, waits for review`
      : `Your order ${order.number} is confirmed`,
    greeting: `Dear ${order.customer.name},`,
    intro: waits
      ? `thank you for your order ${order.number}. It is large, so our planners review it before it is scheduled; we write again when they have.`
      : `thank you for your order ${order.number}: it is confirmed.`,
    lines,
    amounts: [...checkoutAmounts(order, money), { label: 'Total', amount: money(order.totalMinor) }],
    notes: checkoutNotes(order, money),
    facts: orderFacts(order, waits),
    link,
    linkNote: order.account
      ? 'Sign in with your account to see it.'
      : 'Keep this link: it opens your order without an account; anyone with it can see the order.',
  };
  return { ...content, text: textOf(content), html: htmlOf(content) };
}

/**
 * Goods, then the shipping and tax lines as charged (a tax contained in gross prices is said to be
 * included, not added), when the order has them (orders placed through checkout).
 */
function checkoutAmounts(order: Order, money: (minor: number) => string): MailAmount[] {
  if (order.goodsMinor == null) return [];
  const charges = (order.charges ?? []).map((charge) => ({
    // The label names the rate already ("VAT 19 %").
    label: charge.label,
    amount: charge.included ? `${money(charge.amountMinor)} included` : money(charge.amountMinor),
  }));
  return [{ label: 'Goods', amount: money(order.goodsMinor) }, ...charges];
}

/** The tax note and the deposit: what else the customer must know about the amounts. */
function checkoutNotes(order: Order, money: (minor: number) => string): string[] {
  const notes: string[] = [];
  if (order.taxNote) notes.push(order.taxNote);
  if (order.depositMinor != null) notes.push(`Deposit due before production: ${money(order.depositMinor)}`);
  return notes;
}

/** An address on one line: "Ada Lovelace, Invalidenstraße 117, 10115 Berlin, Germany". */
export function addressInWords(address: OrderAddressSnapshot): string {
  return [
    address.name,
    address.company,
    address.line1,
    address.line2,
    [address.postalCode, address.city, address.region].filter(Boolean).join(' '),
    countryName(address.country),
  ]
    .filter(Boolean)
    .join(', ');
}

/** The promise, the addresses and the payment terms. */
function orderFacts(order: Order, waits: boolean): MailAmount[] {
  const facts: MailAmount[] = [];
  if (order.promise)
    facts.push({ label: 'We promise to ship by', amount: shipDateInWords(order.promise.shipDate) });
  else if (waits)
    facts.push({ label: 'Ship date', amount: 'promised once our planners have reviewed the order' });
  if (order.deliveryAddress)
    facts.push({ label: 'Delivery address', amount: addressInWords(order.deliveryAddress) });
  if (order.billingAddress)
    facts.push({ label: 'Billing address', amount: addressInWords(order.billingAddress) });
  if (order.vatId) facts.push({ label: 'VAT id', amount: order.vatId });
  if (order.paymentTerms) facts.push({ label: 'Payment terms', amount: order.paymentTerms.label });
  return facts;
}

type Parts = Omit<Acknowledgement, 'text' | 'html'>;

function textOf(content: Parts): string {
  const lines = content.lines.flatMap((line) => [
    `${line.quantity} × ${line.product}: ${line.total}`,
    ...line.options.map((option) => `  ${option.label}: ${option.value}`),
  ]);
  return [
    content.greeting,
    '',
    content.intro,
    '',
    ...lines,
    '',
    ...content.amounts.map((amount) => `${amount.label}: ${amount.amount}`),
    ...content.notes,
    '',
    ...content.facts.map((fact) => `${fact.label}: ${fact.amount}`),
    '',
    `See your order and follow it at: ${content.link}`,
    content.linkNote,
  ].join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function htmlOf(content: Parts): string {
  const lines = content.lines
    .map(
      (line) =>
        `<tr><td><strong>${line.quantity} × ${escapeHtml(line.product)}</strong><br>${line.options
          .map((option) => `${escapeHtml(option.label)}: ${escapeHtml(option.value)}`)
          .join(
            '<br>',
          )}</td><td style="text-align:right;vertical-align:top">${escapeHtml(line.total)}</td></tr>`,
    )
    .join('');
  const rows = (items: MailAmount[]) =>
    items
      .map(
        (item) =>
          `<tr><th style="text-align:left">${escapeHtml(item.label)}</th><td>${escapeHtml(item.amount)}</td></tr>`,
      )
      .join('');
  return [
    '<!doctype html><html lang="en"><body style="font-family:sans-serif">',
    `<p>${escapeHtml(content.greeting)}</p>`,
    `<p>${escapeHtml(content.intro)}</p>`,
    `<table>${lines}${rows(content.amounts)}</table>`,
    ...content.notes.map((note) => `<p>${escapeHtml(note)}</p>`),
    `<table>${rows(content.facts)}</table>`,
    `<p><a href="${escapeHtml(content.link)}">See your order and follow it</a>: ${escapeHtml(content.link)}</p>`,
    `<p>${escapeHtml(content.linkNote)}</p>`,
    '</body></html>',
  ].join('\n');
}
