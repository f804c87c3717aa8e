import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { ChangeNotice as Notice } from '../../composables/useConfiguration';
import { ValueSource } from '../../graphql/graphql';
import ChangeNotice from './ChangeNotice.vue';
import { money, valueChange } from './test-fixtures';

/** Width 2100 on the default desk: the top, its finish and the frame re-chosen to fit. */
const fitted = [
  valueChange(
    'top_material',
    'Top material',
    ['oak', 'Solid oak'],
    ['melamine', 'White melamine'],
    '-336.00',
    {
      chosen: false,
      source: ValueSource.Completed,
    },
  ),
  valueChange(
    'top_finish',
    'Surface finish',
    ['oil_natural', 'Natural oil'],
    ['factory', 'Factory surface'],
    '0.00',
    {
      chosen: false,
      source: ValueSource.Completed,
    },
  ),
  valueChange('frame', 'Frame', ['leg2', '2-leg T-frame'], ['leg4', '4-leg frame'], '290.00', {
    chosen: false,
    source: ValueSource.Completed,
  }),
];
const widthNotice: Notice = {
  kind: 'changed',
  changes: {
    values: [valueChange('width_mm', 'Width', ['1600', '1600 mm'], ['2100', '2100 mm'], '0.00'), ...fitted],
    otherPriceLines: [],
    totalBefore: money('1170.60'),
    totalAfter: money('1124.60'),
    totalDelta: money('-46.00'),
  },
  fitted,
  before: [],
};

describe('ChangeNotice', () => {
  it('is a polite live region, in the page even when empty', () => {
    const wrapper = mount(ChangeNotice, { props: { notice: null } });
    const region = wrapper.get('[data-testid="change-notice-region"]');
    expect(region.attributes('aria-live')).toBe('polite');
    expect(region.attributes('role')).toBe('status');
    expect(region.text()).toBe('');
  });

  it('lists every value re-chosen to fit, each with its price delta, what caused them and the totals', () => {
    const wrapper = mount(ChangeNotice, { props: { notice: widthNotice } });
    expect(wrapper.get('.change-notice__title').text()).toBe('To fit Width: 2100 mm, we changed:');
    expect(wrapper.findAll('[data-testid="change-notice-item"]').map((i) => i.text())).toEqual([
      'Top material: Solid oak → White melamine, − €336.00',
      'Surface finish: Natural oil → Factory surface, no change in price',
      'Frame: 2-leg T-frame → 4-leg frame, + €290.00',
    ]);
    expect(wrapper.get('[data-testid="change-notice-total"]').text()).toBe('Total: €1,170.60 → €1,124.60');
  });

  it('undo and keep are buttons (keyboard reachable) that say what the person wants', async () => {
    const wrapper = mount(ChangeNotice, { props: { notice: widthNotice } });
    const undo = wrapper.get('[data-testid="change-undo"]');
    expect(undo.element.tagName).toBe('BUTTON');
    await undo.trigger('click');
    expect(wrapper.emitted('undo')).toHaveLength(1);
    await wrapper.get('[data-testid="change-dismiss"]').trigger('click');
    expect(wrapper.emitted('dismiss')).toHaveLength(1);
  });

  it('once undone, says so and takes the focus the undo button had', async () => {
    const wrapper = mount(ChangeNotice, { props: { notice: widthNotice }, attachTo: document.body });
    (wrapper.get('[data-testid="change-undo"]').element as HTMLElement).focus();
    await wrapper.setProps({ notice: { kind: 'undone' } });
    await new Promise((resolve) => setTimeout(resolve, 0));
    const done = wrapper.get('[data-testid="change-undone"]');
    expect(done.text()).toBe('Undone: your earlier choices are back.');
    expect(document.activeElement).toBe(done.element);
    wrapper.unmount();
  });
});
