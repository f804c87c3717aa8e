import { describe, expect, it } from 'vitest';
import { contextOf, fromQuery, toQuery } from './configuration-url';

describe('a configuration in a URL', () => {
  it('reads back exactly the choices and quantity it was written from', () => {
    const choices = [
      { feature: 'width_mm', value: '1600' },
      { feature: 'top_material', value: 'oak' },
      { feature: 'accessories', values: ['cable_tray', 'drawer'] },
      { feature: 'storage', values: [] },
      { feature: 'gpu', value: null },
      { feature: 'castors', value: 'true' },
    ];
    const query = toQuery(choices, 3);
    expect(query).toMatchObject({ width_mm: '1600', accessories: 'list:cable_tray,drawer', qty: '3' });
    expect(fromQuery(query)).toEqual({ choices, quantity: 3, savedCode: null, currency: null });
  });

  it('reads the interface language (?lang=de) as the page’s, not as a choice', () => {
    expect(fromQuery({ lang: 'de', width_mm: '1600' }).choices).toEqual([
      { feature: 'width_mm', value: '1600' },
    ]);
  });

  it('keeps the currency picked apart from the choices, and reads only an ISO 4217 code', () => {
    const query = toQuery([{ feature: 'width_mm', value: '1600' }], 1, 'USD');
    expect(query).toEqual({ width_mm: '1600', currency: 'USD' });
    expect(fromQuery(query)).toEqual({
      choices: [{ feature: 'width_mm', value: '1600' }],
      quantity: 1,
      savedCode: null,
      currency: 'USD',
    });
    expect(fromQuery({ currency: 'dollars' }).currency).toBeNull();
    expect(fromQuery({ currency: 'dollars' }).choices).toEqual([]);
  });

  it('keeps a value filled in for the person apart from their own choices', () => {
    const choices = [
      { feature: 'frame_size', value: 's' },
      { feature: 'wheel_size', value: 'w28', filledIn: true },
      { feature: 'accessories', values: ['rack'], filledIn: true },
    ];
    const query = toQuery(choices);
    expect(query).toEqual({ frame_size: 's', wheel_size: 'default:w28', accessories: 'default:list:rack' });
    expect(fromQuery(query).choices).toEqual(choices);
  });

  it('ignores what is not a feature code and reads a saved code', () => {
    expect(fromQuery({ c: 'ab12cd34ef', 'bad key': 'x', qty: '0' })).toEqual({
      choices: [],
      quantity: 1,
      savedCode: 'ab12cd34ef',
      currency: null,
    });
  });

  it('reads the quote it was opened from as context, never as a choice', () => {
    const query = { quote: '42', line: '7', width_mm: '1600' };
    expect(fromQuery(query).choices).toEqual([{ feature: 'width_mm', value: '1600' }]);
    expect(contextOf(query)).toEqual({ quote: '42', line: '7' });
    expect(contextOf({ quote: '', width_mm: '1600' })).toEqual({});
  });
});
