import { describe, expect, it } from 'vitest';
import { filtersFromQuery, filtersToQuery, hasFilters, NO_FILTERS } from './quote-filters';
import { QUOTE_STATUSES } from './quote-format';

describe('the quotes list filters in the URL', () => {
  it('read back what they wrote', () => {
    const filters = {
      statuses: ['SENT', 'PENDING_APPROVAL'],
      accountId: 12,
      repId: 3,
      expiringWithinDays: 7,
    };
    const query = filtersToQuery(filters);
    expect(query).toEqual({ status: 'SENT,PENDING_APPROVAL', account: '12', rep: '3', expiring: '7' });
    expect(filtersFromQuery(query, QUOTE_STATUSES)).toEqual(filters);
  });

  it('leave out what they do not know, rather than fail the page', () => {
    expect(
      filtersFromQuery(
        { status: 'sent,BOGUS,,sent', account: '-3', rep: 'x', expiring: '9999' },
        QUOTE_STATUSES,
      ),
    ).toEqual({ statuses: ['SENT'], accountId: null, repId: null, expiringWithinDays: null });
    expect(filtersFromQuery({}, QUOTE_STATUSES)).toEqual(NO_FILTERS);
  });

  it('take the first of repeated parameters and accept 0 days (expiring today)', () => {
    expect(filtersFromQuery({ account: ['4', '5'], expiring: '0' }, QUOTE_STATUSES)).toEqual({
      ...NO_FILTERS,
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
