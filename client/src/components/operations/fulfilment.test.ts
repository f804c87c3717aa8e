/**
 * The fulfilment helpers speak the reader's language: the same calls give English on an English page and
 * German on a German one (the staff's timeline, the board, the materials page and the routing table use them).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { OrderEventKind, OrderStatus, WorkOrderStatus } from '../../graphql/graphql';
import { setLocale } from '../../i18n';
import { formatMinutes, selectionText } from '../orders/format';
import { eventLabel, formatDay, lateText, statusLabel, workingDays } from './fulfilment';

const SLIP = { slip: { days: 5, expectedShipDate: '2026-12-28', cause: 'EB-BAT-750' } };

describe('the fulfilment helpers', () => {
  afterEach(() => setLocale('en'));

  it('say it in English', () => {
    expect(eventLabel(OrderEventKind.WorkStarted)).toBe('Work started');
    expect(statusLabel(OrderStatus.AwaitingMaterials)).toBe('Awaiting materials');
    expect(statusLabel(WorkOrderStatus.Started)).toBe('Started');
    expect(workingDays(1)).toBe('1 working day');
    expect(lateText(SLIP as Parameters<typeof lateText>[0])).toBe('Late by 5 working days: EB-BAT-750');
    expect(lateText({ slip: null })).toBeNull();
    expect(formatMinutes(32.24)).toBe('32.24 min');
    expect(formatMinutes(82)).toBe('1 h 22 min');
    expect(selectionText({ values: [] })).toBe('none');
    expect(selectionText({})).toBe('not chosen');
    expect(formatDay('2026-12-18')).toMatch(/^(18 Dec|Dec 18,) 2026$/);
  });

  it('say it in German, numbers and dates written the German way', () => {
    setLocale('de');
    expect(eventLabel(OrderEventKind.WorkStarted)).toBe('Arbeit begonnen');
    expect(statusLabel(OrderStatus.AwaitingMaterials)).toBe('Wartet auf Material');
    expect(workingDays(3)).toBe('3 Arbeitstage');
    expect(lateText(SLIP as Parameters<typeof lateText>[0])).toBe('5 Arbeitstage zu spät: EB-BAT-750');
    expect(formatMinutes(32.24)).toBe('32,24 min');
    expect(selectionText({ values: [] })).toBe('keine');
    expect(formatDay('2026-12-18')).toBe('18.12.2026');
  });
});
