import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Dialect,
  operation,
  startTestServer,
  type TestServer,
  testDialects,
} from '../test-support/api-server.js';

/**
 * The price list an account was given (`ownPriceList`) beside the one it buys by today (`priceList`), as
 * the account page's form reads them (the shared AccountPriceList operation), on a day after the demo
 * contract nordwerk-2026 ended.
 */

const AFTER_THE_CONTRACT = '2027-03-01';

interface ListView {
  code: string;
  isDefault: boolean;
  effectiveTo: string | null;
}
interface AccountView {
  id: number;
  currency: string;
  priceList: ListView | null;
  ownPriceList: ListView | null;
}

describe.each(await testDialects())("an account's own price list on %s", (dialect: Dialect) => {
  let server: TestServer;
  let accountA: number;

  const read = (as: 'sales' | 'salesManager' | 'customerA') =>
    server.graphql<{ customerAccount: AccountView | null; priceLists: ListView[] | null }>(
      operation('account-price-list'),
      { id: accountA },
      { as },
    );

  beforeAll(async () => {
    server = await startTestServer(dialect, { today: AFTER_THE_CONTRACT });
    accountA = server.callers.accountIds.A;
  });
  afterAll(async () => {
    await server?.close();
  });

  it('shows sales staff the list given even when it is not in effect, beside the list the account buys by', async () => {
    const before = await read('sales');
    expect(before.errors).toBeUndefined();
    expect(before.data!.customerAccount).toMatchObject({
      ownPriceList: null,
      priceList: { code: 'eur-list' },
    });
    expect(before.data!.priceLists!.map((list) => list.code)).toContain('nordwerk-2026');

    const { setAccountPriceList } = await server.data<{ setAccountPriceList: AccountView }>(
      operation('set-account-price-list'),
      { accountId: accountA, priceListCode: 'nordwerk-2026' },
      { as: 'salesManager' },
    );
    // Given, but ended on 31 December 2026: the account buys by the default EUR list again.
    expect(setAccountPriceList.ownPriceList).toMatchObject({
      code: 'nordwerk-2026',
      effectiveTo: '2026-12-31',
    });
    expect(setAccountPriceList.priceList).toMatchObject({ code: 'eur-list', isDefault: true });
    expect((await read('sales')).data!.customerAccount!.ownPriceList?.code).toBe('nordwerk-2026');

    const cleared = await server.data<{ setAccountPriceList: AccountView }>(
      operation('set-account-price-list'),
      { accountId: accountA, priceListCode: null },
      { as: 'salesManager' },
    );
    expect(cleared.setAccountPriceList.ownPriceList).toBeNull();
  });

  it("refuses the account's own contacts the list it was given (FORBIDDEN on that field) and answers the rest", async () => {
    const answer = await server.graphql<{ customerAccount: AccountView | null }>(
      'query($id: Int!) { customerAccount(id: $id) { id priceList { code } ownPriceList { code } } }',
      { id: accountA },
      { as: 'customerA' },
    );
    expect(answer.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['customerAccount', 'ownPriceList'], 'FORBIDDEN'],
    ]);
    expect(answer.data?.customerAccount).toEqual({
      id: accountA,
      priceList: { code: 'eur-list' },
      ownPriceList: null,
    });
  });
});
