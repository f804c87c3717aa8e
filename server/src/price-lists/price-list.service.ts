import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EntityManager } from '@mikro-orm/core';
import { announceChange } from '../db/change-notices.js';
import { inEffect, loadPriceList, loadPriceListsText, type PriceList } from '../engine/index.js';
import { PriceListRecord } from './price-list.entity.js';

/** The demo shop's price lists (server/demo-models/price-lists/*.yaml). */
export const DEMO_PRICE_LISTS_DIR = fileURLToPath(new URL('../../demo-models/price-lists/', import.meta.url));

/**
 * Parsed lists by code, kept while their source is unchanged: the engine caches priced models per list
 * object (`pricedWith`), so the same source must give the same object on every request.
 */
const parsed = new Map<string, { source: string; list: PriceList }>();

function parse(record: PriceListRecord): PriceList {
  const known = parsed.get(record.code);
  if (known && known.source === record.source) return known.list;
  const loaded = loadPriceList(JSON.parse(record.source));
  // Published lists were checked when they were published: one that no longer loads is a bug.
  if (!loaded.ok)
    throw new Error(
      `price list ${record.code} does not load: ${loaded.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
    );
  parsed.set(record.code, { source: record.source, list: loaded.priceList });
  return loaded.priceList;
}

export interface PublishedPriceLists {
  created: string[];
  updated: string[];
}

/**
 * The published lists as this process last read them, trusted for a short while (as the catalogue trusts
 * which model version is in force): configure asks which list prices a visitor on every request, and the
 * lists are a handful of rows that change rarely. One per running server (its database); publishing
 * through it forgets them at once, another process's publishing is seen within `ttlMs`.
 */
export class PriceListCache {
  private read: { at: number; lists: Promise<PriceList[]> } | null = null;

  constructor(
    private readonly ttlMs = PRICE_LISTS_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  lists(load: () => Promise<PriceList[]>): Promise<PriceList[]> {
    const at = this.now();
    if (!this.read || at - this.read.at >= this.ttlMs) {
      const lists = load();
      const read = { at, lists };
      this.read = read;
      // A failed read is not remembered.
      lists.catch(() => {
        if (this.read === read) this.read = null;
      });
    }
    return this.read.lists;
  }

  forget(): void {
    this.read = null;
  }
}

/** How long a process trusts the price lists it read (as LATEST_VERSION_TTL_MS for model versions). */
export const PRICE_LISTS_TTL_MS = 2000;

/** Price lists: which list prices a customer's configuration, in which currency. */
export class PriceListService {
  constructor(
    private readonly em: EntityManager,
    /** The lists remembered for a short while; without it, every question reads the table. */
    private readonly cache?: PriceListCache,
  ) {}

  /** Every published list, by code. */
  async all(): Promise<PriceList[]> {
    const load = async () =>
      (await this.em.find(PriceListRecord, {}, { orderBy: { code: 'asc' } })).map(parse);
    return this.cache ? this.cache.lists(load) : load();
  }

  async byCode(code: string): Promise<PriceList | null> {
    return (await this.all()).find((list) => list.code === code) ?? null;
  }

  /** The default list of a currency in effect on a day: what a visitor without an account is priced by. */
  async defaultFor(currency: string, onDate: string): Promise<PriceList | null> {
    return (
      (await this.all()).find(
        (list) => list.isDefault && list.currency === currency && inEffect(list, onDate),
      ) ?? null
    );
  }

  /** The currencies with a default list in effect on a day: what the configurator's currency switch offers. */
  async currencies(onDate: string): Promise<string[]> {
    const offered = (await this.all())
      .filter((list) => list.isDefault && inEffect(list, onDate))
      .map((list) => list.currency);
    return [...new Set(offered)].sort();
  }

  /**
   * The list an account buys by: its own list when it has one in effect, else the default list of its
   * currency.
   */
  async forAccount(
    account: { priceListCode?: string | null; currency: string },
    onDate: string,
  ): Promise<PriceList | null> {
    if (account.priceListCode) {
      const own = await this.byCode(account.priceListCode);
      if (own && inEffect(own, onDate)) return own;
    }
    return this.defaultFor(account.currency, onDate);
  }

  /**
   * Publishes lists from a price lists file's text: new codes are added, changed ones replaced (quotes and
   * orders keep the prices they copied). Refused whole, naming each problem, when a list does not load or
   * two default lists of one currency would be in effect on the same day.
   */
  async publish(text: string, now: Date): Promise<PublishedPriceLists> {
    const loaded = loadPriceListsText(text);
    if (!loaded.ok)
      throw new Error(
        `price lists do not load: ${loaded.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      );
    const overlap = overlappingDefaults(loaded.priceLists);
    if (overlap) throw new Error(overlap);
    const report: PublishedPriceLists = { created: [], updated: [] };
    await this.em.transactional(async (em) => {
      for (const list of loaded.priceLists) {
        const source = JSON.stringify(list.source);
        const existing = await em.findOne(PriceListRecord, { code: list.code });
        if (existing && existing.source === source) continue;
        const record = existing ?? em.create(PriceListRecord, { code: list.code } as PriceListRecord);
        Object.assign(record, {
          name: list.name,
          currency: list.currency,
          isDefault: list.isDefault,
          effectiveFrom: list.effectiveFrom,
          effectiveTo: list.effectiveTo,
          source,
          publishedAt: now,
        });
        (existing ? report.updated : report.created).push(list.code);
      }
      // The other processes (PostgreSQL) forget their lists and priced answers when this commits.
      if (report.created.length + report.updated.length > 0) await announceChange(em, { kind: 'prices' });
    });
    this.cache?.forget();
    return report;
  }
}

/** Two default lists of one currency in effect on a common day, as a sentence; null when none overlap. */
export function overlappingDefaults(lists: readonly PriceList[]): string | null {
  const defaults = lists.filter((list) => list.isDefault);
  for (const [i, a] of defaults.entries())
    for (const b of defaults.slice(i + 1)) {
      if (a.currency !== b.currency) continue;
      const aEnd = a.effectiveTo ?? '9999-12-31';
      const bEnd = b.effectiveTo ?? '9999-12-31';
      if (a.effectiveFrom <= bEnd && b.effectiveFrom <= aEnd)
        return `price lists ${a.code} and ${b.code} are both the default ${a.currency} list on ${[a.effectiveFrom, b.effectiveFrom].sort()[1]}: give each currency one default list on any day`;
    }
  return null;
}

/** The demo price list files' texts, in file-name order. */
export function demoPriceListFiles(directory: string = DEMO_PRICE_LISTS_DIR): string[] {
  return readdirSync(directory)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => readFileSync(join(directory, name), 'utf8'));
}
