import type { MikroORM } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoModelFiles } from '../catalog/demo-models.js';
import { openDatabase } from '../db/orm.js';
import { loadProductModelText, pricedWith } from '../engine/index.js';
import { demoPriceListFiles, PriceListCache, PriceListService } from './price-list.service.js';

let orm: MikroORM;
const now = new Date('2026-12-07T08:00:00Z');

beforeAll(async () => {
  orm = await openDatabase({ databaseUrl: null, sqlitePath: ':memory:' });
  for (const text of demoPriceListFiles()) await new PriceListService(orm.em.fork()).publish(text, now);
});
afterAll(() => orm.close(true));

describe('price lists', () => {
  it('give each demo currency its default list, and an account its contract list', async () => {
    const lists = new PriceListService(orm.em.fork());
    expect(await lists.currencies('2026-12-07')).toEqual(['CHF', 'EUR', 'GBP', 'USD']);
    expect((await lists.defaultFor('USD', '2026-12-07'))?.code).toBe('usd-list');
    expect(await lists.defaultFor('JPY', '2026-12-07')).toBeNull();
    expect(
      (await lists.forAccount({ currency: 'EUR', priceListCode: 'nordwerk-2026' }, '2026-12-07'))?.code,
    ).toBe('nordwerk-2026');
    // The contract ends on 31 December 2026: from then on the account buys by the EUR list.
    expect(
      (await lists.forAccount({ currency: 'EUR', priceListCode: 'nordwerk-2026' }, '2027-01-01'))?.code,
    ).toBe('eur-list');
  });

  it('price every demo model in every demo list', async () => {
    const lists = await new PriceListService(orm.em.fork()).all();
    for (const file of demoModelFiles()) {
      const loaded = loadProductModelText(file.text);
      if (!loaded.ok) throw new Error(`${file.code} does not load`);
      for (const list of lists) {
        if (!list.models.has(loaded.model.code)) continue;
        const priced = pricedWith(loaded.model, list, '2026-06-01');
        expect(priced.ok, `${file.code} in ${list.code}`).toBe(true);
        if (priced.ok) expect(priced.model.priceList.code).toBe(list.code);
      }
    }
  });

  it('republish an unchanged file without writing, and give the same list object while unchanged', async () => {
    const service = new PriceListService(orm.em.fork());
    const report = await service.publish(demoPriceListFiles()[0] ?? '', now);
    expect(report).toEqual({ created: [], updated: [] });
    expect(await service.byCode('usd-list')).toBe(
      await new PriceListService(orm.em.fork()).byCode('usd-list'),
    );
  });

  it('refuse two default lists of one currency in effect on the same day, naming both', async () => {
    const text = `priceLists:
  - { code: a, name: A, currency: EUR, effectiveFrom: 2026-01-01, default: true, prices: gross, models: {} }
  - { code: b, name: B, currency: EUR, effectiveFrom: 2026-06-01, default: true, prices: gross, models: {} }
`;
    await expect(new PriceListService(orm.em.fork()).publish(text, now)).rejects.toThrow(
      /price lists a and b are both the default EUR list on 2026-06-01/,
    );
  });

  it('are read once per while when remembered, again after it, and at once after publishing', async () => {
    let now = 0;
    const cache = new PriceListCache(2000, () => now);
    let reads = 0;
    const em = orm.em.fork();
    const find = em.find.bind(em);
    em.find = ((...args: Parameters<typeof em.find>) => {
      reads++;
      return find(...args);
    }) as typeof em.find;
    const service = new PriceListService(em, cache);
    await service.defaultFor('USD', '2026-12-07');
    await service.currencies('2026-12-07');
    await service.byCode('nordwerk-2026');
    expect(reads).toBe(1);
    now += 2000;
    await service.all();
    expect(reads).toBe(2);
    const text = `priceLists:
  - { code: cached, name: Cached, currency: EUR, effectiveFrom: 2030-01-01, prices: net, models: {} }
`;
    await service.publish(text, new Date('2026-12-07T09:00:00Z'));
    expect((await service.byCode('cached'))?.name).toBe('Cached');
  });
});
