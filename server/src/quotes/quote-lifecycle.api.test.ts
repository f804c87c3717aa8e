import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Order } from '../orders/order.entity.js';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { DESK, E_BIKE, QuoteApi, type QuoteView, refusal, STAFF_FIELDS } from './quotes.test-support.js';

const TODAY = '2026-12-01';
const LINE_DISCOUNT_OVER_10 = {
  name: 'Line discount over 10%',
  kind: 'DISCOUNT_ABOVE',
  scope: 'LINE',
  percent: '10',
};

describe.each(await testDialects())('the quote lifecycle on %s', (dialect) => {
  let server: TestServer;
  let api: QuoteApi;
  let accountA: number;

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: TODAY });
    api = new QuoteApi(server);
    accountA = server.callers.accountIds.A;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('takes a quote from draft through approval and sending to an accepted order at the quoted prices, each step an event with who', async () => {
    const [rule] = await api.setRules([LINE_DISCOUNT_OVER_10]);
    const draft = await api.create(accountA, {
      terms: 'Net 30 days',
      internalNote: 'Keep the margin above 30%',
      noteToCustomer: 'As discussed on the phone',
    });
    expect(draft).toMatchObject({
      status: 'DRAFT',
      revision: 1,
      currency: 'EUR',
      validUntil: '2026-12-31',
      priceList: { code: 'eur-list', basis: 'GROSS', taxRatePercent: null },
      recipient: { email: 'anna@customer-a.test' },
      allowedActions: ['EDIT'],
    });
    expect(draft.reference).toMatch(/^Q-2026-\d{6}-R1$/);
    expect(draft.reference).toBe(`${draft.number}-R1`);

    await api.addLine(draft.id, { ...E_BIKE, quantity: 2 }, '12');
    const twoLines = await api.addLine(draft.id, DESK);
    const [bike, desk] = twoLines.lines;
    // 2 × unit price, less 12 %, rounded half-up; the desk at its list price; the total their sum.
    const bikeGross = Number(bike!.unitPrice.amount) * 2;
    expect(Number(bike!.gross.amount)).toBeCloseTo(bikeGross, 2);
    expect(Number(bike!.discount.amount)).toBeCloseTo(Math.round(bikeGross * 12) / 100, 2);
    expect(Number(twoLines.totals.total.amount)).toBeCloseTo(
      Number(bike!.netAfterHeaderDiscount.amount) + Number(desk!.netAfterHeaderDiscount.amount),
      2,
    );
    expect(twoLines.approval).toMatchObject({
      needed: true,
      approvedForThisContent: false,
      triggers: [{ ruleId: rule!.id, kind: 'DISCOUNT_ABOVE', lineKey: bike!.key }],
    });
    expect(twoLines.approval!.triggers[0]!.message).toContain('Line discount over 10%');
    expect(twoLines.allowedActions).toEqual(['EDIT', 'SUBMIT_FOR_APPROVAL']);
    expect(bike!.options).toContainEqual({ feature: 'Motor', value: '500 W mid-drive motor, 85 Nm' });

    expect(refusal(await api.attempt('sendQuote', draft.id))).toMatchObject({ code: 'APPROVAL_REQUIRED' });
    const pending = await api.act('submitQuoteForApproval', draft.id);
    expect(pending.status).toBe('PENDING_APPROVAL');
    expect(
      refusal(
        await api.attempt('updateQuote', draft.id, 'sales', {
          input: ['QuoteDetailsInput!', { terms: 'x' }],
        }),
      ),
    ).toMatchObject({
      code: 'NOT_ALLOWED_IN_STATUS',
    });
    // A rep may not approve; a manager may.
    expect(refusal(await api.attempt('approveQuote', draft.id, 'sales'))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const approved = await api.act('approveQuote', draft.id, 'salesManager', {
      comment: ['String', 'A good customer'],
    });
    expect(approved).toMatchObject({
      status: 'APPROVED',
      approval: { needed: true, approvedForThisContent: true },
    });
    expect(approved.approvals).toEqual([
      {
        contentRevision: approved.contentRevision,
        manager: 'mia@sales.test',
        decision: 'APPROVED',
        comment: 'A good customer',
        triggeredRules: [approved.approval!.triggers[0]!.message],
      },
    ]);

    const sent = await api.act('sendQuote', draft.id);
    expect(sent.status).toBe('SENT');
    expect(sent.customerToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sent.customerLink).toBe(`/quotes/${sent.customerToken}`);
    // The link is given once: the quote read again does not carry it.
    expect(
      await server.data(
        `query($id: Int!) { quote(id: $id) { customerToken } }`,
        { id: draft.id },
        { as: 'sales' },
      ),
    ).toEqual({
      quote: { customerToken: null },
    });
    // Sent is immutable.
    expect(
      refusal(
        await api.attempt('updateQuote', draft.id, 'sales', {
          input: ['QuoteDetailsInput!', { terms: 'x' }],
        }),
      ),
    ).toMatchObject({
      code: 'NOT_ALLOWED_IN_STATUS',
    });

    const late = api.addLineCall(draft.id, { productCode: 'hoverboard', selections: [] });
    const lateAnswer = refusal(await server.graphql(late.query, late.variables, { as: 'sales' }));
    expect(lateAnswer, JSON.stringify(lateAnswer)).toMatchObject({
      code: 'NOT_ALLOWED_IN_STATUS',
    });

    const view = await api.customerQuote(sent.customerToken!);
    expect(view).toMatchObject({
      linkReference: sent.reference,
      changesSinceLink: [],
      quote: {
        reference: sent.reference,
        status: 'SENT',
        allowedActions: ['ACCEPT', 'DECLINE'],
        terms: 'Net 30 days',
      },
    });
    expect(view!.quote.totals).toEqual(sent.totals);

    const accepted = await api.accept(sent.customerToken!);
    expect(accepted.orderCreated).toBe(true);
    expect(accepted.quote.status).toBe('ACCEPTED');
    expect(accepted.quote.order).toEqual({ number: accepted.order.number, status: 'PLACED' });
    expect(accepted.order).toMatchObject({
      status: 'PLACED',
      quoteReference: sent.reference,
      total: sent.totals.total,
    });
    expect(accepted.order.trackingToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    accepted.order.lines.forEach((line, index) => {
      const quoted = sent.lines[index]!;
      expect(line.modelVersion).toBe(quoted.modelVersion);
      expect(line.quantity).toBe(quoted.quantity);
      expect(line.price.total.amount).toBe(quoted.netAfterHeaderDiscount.amount);
      // The quoted price lines, then the discount as a line of its own.
      expect(line.price.lines.slice(0, quoted.price.lines.length)).toEqual(
        quoted.price.lines.map(({ code, amount }) => ({ code, amount })),
      );
    });
    expect(accepted.order.lines[0]!.price.lines.at(-1)).toEqual({
      code: 'quote:line-discount',
      amount: { amount: `-${sent.lines[0]!.discount.amount}` },
    });

    // Accepting again answers the same order and places no other.
    const again = await api.accept(sent.customerToken!);
    expect(again.orderCreated).toBe(false);
    expect(again.order.number).toBe(accepted.order.number);
    expect(again.order.trackingToken).toBeNull();
    const orders = await server.running.orm.em.fork().count(Order, { quoteReference: sent.reference });
    expect(orders).toBe(1);

    const history = (await api.quote(draft.id))!.events!;
    expect(history.map((event) => [event.kind, event.actor, event.fromStatus, event.toStatus])).toEqual([
      ['CREATED', 'sam@sales.test', null, 'DRAFT'],
      ['EDITED', 'sam@sales.test', 'DRAFT', 'DRAFT'],
      ['EDITED', 'sam@sales.test', 'DRAFT', 'DRAFT'],
      ['SUBMITTED_FOR_APPROVAL', 'sam@sales.test', 'DRAFT', 'PENDING_APPROVAL'],
      ['APPROVED', 'mia@sales.test', 'PENDING_APPROVAL', 'APPROVED'],
      ['SENT', 'sam@sales.test', 'APPROVED', 'SENT'],
      ['ACCEPTED', 'customer (quote link)', 'SENT', 'ACCEPTED'],
    ]);
    expect(history[3]!.message).toContain('Line discount over 10%');
    expect(history[4]!.comment).toBe('A good customer');
  });

  it('holds an approval for exactly the content approved: a change after it needs a new approval', async () => {
    await api.setRules([LINE_DISCOUNT_OVER_10]);
    const quote = await api.create(accountA);
    const withLine = await api.addLine(quote.id, E_BIKE, '15');
    await api.act('submitQuoteForApproval', quote.id);
    const approved = await api.act('approveQuote', quote.id, 'salesManager');
    expect(approved.approvedRevision).toBe(approved.contentRevision);

    // 14 % still needs approval; the approval was for 15 %.
    const changed = await api.updateLine(withLine.lines[0]!.id, { discountPercent: '14' });
    expect(changed).toMatchObject({
      status: 'DRAFT',
      approvedRevision: approved.contentRevision,
      approval: { needed: true, approvedForThisContent: false },
    });
    expect(changed.contentRevision).toBe(approved.contentRevision! + 1);
    const refused = refusal(await api.attempt('sendQuote', quote.id));
    expect(refused).toMatchObject({ code: 'APPROVAL_REQUIRED' });
    expect(refused!.message).toContain('changed after it was approved');

    await api.act('submitQuoteForApproval', quote.id);
    // A rejection needs a comment.
    expect(
      refusal(await api.attempt('rejectQuote', quote.id, 'salesManager', { comment: ['String!', '   '] })),
    ).toMatchObject({
      code: 'COMMENT_REQUIRED',
    });
    const rejected = await api.act('rejectQuote', quote.id, 'salesManager', {
      comment: ['String!', 'At most 12%'],
    });
    expect(rejected.status).toBe('REJECTED');
    expect(rejected.approvals!.map((a) => [a.decision, a.comment])).toEqual([
      ['APPROVED', null],
      ['REJECTED', 'At most 12%'],
    ]);
    // Below the rule's limit no approval is needed: submitting is refused, sending goes through.
    const fixed = await api.updateLine(withLine.lines[0]!.id, { discountPercent: '10' });
    expect(fixed.approval).toMatchObject({ needed: false });
    expect(refusal(await api.attempt('submitQuoteForApproval', quote.id))).toMatchObject({
      code: 'NO_APPROVAL_NEEDED',
    });
    expect((await api.act('sendQuote', quote.id)).status).toBe('SENT');
  });

  it('keeps a sent revision as it was: a change is the next revision, and the customer’s link shows the latest and what changed', async () => {
    await api.setRules([]);
    const { quote: first, token } = await api.sent(accountA, [
      { configuration: E_BIKE },
      { configuration: DESK },
    ]);
    const revised = await api.act('reviseQuote', first.id);
    expect(revised).toMatchObject({
      revision: 2,
      reference: `${first.number}-R2`,
      status: 'DRAFT',
      number: first.number,
    });
    // The same lines (keys, prices, versions) to change from.
    expect(
      revised.lines.map(({ key, unitPrice, modelVersion }) => ({ key, unitPrice, modelVersion })),
    ).toEqual(first.lines.map(({ key, unitPrice, modelVersion }) => ({ key, unitPrice, modelVersion })));
    const before = await api.quote(first.id);
    expect(before!.status).toBe('SUPERSEDED');
    // The new revision is a draft: the link still shows what was sent.
    expect((await api.customerQuote(token))!.quote.reference).toBe(first.reference);

    await api.updateLine(revised.lines[0]!.id, { quantity: 3, discountPercent: '5' });
    const second = await api.act('sendQuote', revised.id);
    // (Three e-bikes may also reach a quantity break: the unit price is priced again for 3.)
    expect(second.changes.map((change) => change.kind)).toEqual(
      expect.arrayContaining(['quantity', 'lineDiscount']),
    );

    const view = await api.customerQuote(token);
    expect(view!.linkReference).toBe(first.reference);
    expect(view!.quote.reference).toBe(second.reference);
    expect(view!.changesSinceLink).toEqual(second.changes);
    expect(view!.changesSinceLink.map((change) => change.text)).toEqual(
      expect.arrayContaining([
        'Custom e-bike: quantity changed from 1 to 3.',
        'Custom e-bike: a discount of 5% added.',
      ]),
    );
    // The first revision is unchanged, line for line.
    const firstNow = await api.quote(first.id);
    expect(firstNow!.lines).toEqual(before!.lines);
    expect(firstNow!.totals).toEqual(first.totals);
    expect(firstNow!.revisions).toEqual([
      { reference: first.reference, status: 'SUPERSEDED' },
      { reference: second.reference, status: 'SENT' },
    ]);

    // The old link accepts the latest revision.
    const accepted = await api.accept(token);
    expect(accepted.order.quoteReference).toBe(second.reference);
    expect(accepted.order.total).toEqual(second.totals.total);
  });

  it('duplicates a line to change it from there, prices a new configuration again, removes a line, and withdraws from approval', async () => {
    await api.setRules([LINE_DISCOUNT_OVER_10]);
    const quote = await api.create(accountA);
    const one = await api.addLine(quote.id, E_BIKE, '5');
    const duplicated = await api.ok<QuoteView>(
      `mutation($l: Int!) { duplicateQuoteLine(lineId: $l) { ${STAFF_FIELDS} } }`,
      { l: one.lines[0]!.id },
      'sales',
    );
    expect(duplicated.lines).toHaveLength(2);
    const [original, copy] = duplicated.lines;
    expect(copy!.key).not.toBe(original!.key);
    expect({ ...copy, id: 0, key: '', position: 0 }).toEqual({ ...original, id: 0, key: '', position: 0 });

    const changed = await api.updateLine(copy!.id, { configuration: { ...DESK, quantity: 2 } });
    expect(changed.lines[1]).toMatchObject({
      key: copy!.key,
      productCode: 'standing-desk',
      quantity: 2,
      discountPercent: '5',
    });
    expect(changed.lines[0]).toEqual(original);

    const removed = await api.ok<QuoteView>(
      `mutation($l: Int!) { removeQuoteLine(lineId: $l) { ${STAFF_FIELDS} } }`,
      { l: original!.id },
      'sales',
    );
    expect(removed.lines.map((line) => [line.key, line.position])).toEqual([[copy!.key, 0]]);
    expect(removed.events!.map((event) => event.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('duplicated'), expect.stringContaining('removed')]),
    );

    await api.updateLine(copy!.id, { discountPercent: '20' });
    expect((await api.act('submitQuoteForApproval', quote.id)).status).toBe('PENDING_APPROVAL');
    const withdrawn = await api.act('withdrawQuoteApproval', quote.id);
    expect(withdrawn).toMatchObject({ status: 'DRAFT', allowedActions: ['EDIT', 'SUBMIT_FOR_APPROVAL'] });
    expect(withdrawn.events!.at(-1)).toMatchObject({
      kind: 'WITHDRAWN',
      fromStatus: 'PENDING_APPROVAL',
      toStatus: 'DRAFT',
    });
  });
});
