import { describe, expect, it } from 'vitest';
import { filtersFromQuery, filtersToQuery, hasFilters, NO_FILTERS } from './quote-filters';
import { QUOTE_STATUSES } from './quote-format';

describe('the quotes list filters in the URL', () => {
  it('read back what they wrote', () => {
    const filters = { status: 'SENT', accountId: 12, rep: 'sales@demo.example', expiringWithinDays: 7 };
    const query = filtersToQuery(filters);
    expect(query).toEqual({ status: 'SENT', account: '12', rep: 'sales@demo.example', expiring: '7' });
    expect(filtersFromQuery(query, QUOTE_STATUSES)).toEqual(filters);
  });

  it('leave out what they do not know, rather than fail the page', () => {
    expect(
      filtersFromQuery({ status: 'BOGUS', account: '-3', rep: '', expiring: '9999' }, QUOTE_STATUSES),
    ).toEqual(NO_FILTERS);
    expect(filtersFromQuery({}, QUOTE_STATUSES)).toEqual(NO_FILTERS);
  });

  it('take the first of repeated parameters, any case of a status, and accept 0 days (expiring today)', () => {
    expect(filtersFromQuery({ account: ['4', '5'], status: 'sent', expiring: '0' }, QUOTE_STATUSES)).toEqual({
      ...NO_FILTERS,
      status: 'SENT',
      accountId: 4,
      expiringWithinDays: 0,
    });
  });

  it('an empty filter writes nothing', () => {
    expect(filtersToQuery(NO_FILTERS)).toEqual({});
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, expiringWithinDays: 0 })).toBe(true);
  });
});
