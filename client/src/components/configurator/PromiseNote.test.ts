import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { formatDay } from '../../i18n/format';
import { promiseDeltaText as formatPromiseDelta } from './model';
import PromiseNote from './PromiseNote.vue';

describe('PromiseNote', () => {
  it('says when it ships and what sets the date', () => {
    const wrapper = mount(PromiseNote, {
      props: {
        promise: {
          shipDate: '2027-01-12',
          bottleneck: { message: 'the Battery 750 Wh: 21 working days from its supplier BMZ' },
        },
      },
    });
    expect(wrapper.get('[data-testid="promise-date"]').text()).toBe(formatDay('2027-01-12'));
    expect(wrapper.get('[data-testid="promise"]').text()).toContain(`Ships by ${formatDay('2027-01-12')}`);
    expect(wrapper.get('[data-testid="promise-bottleneck"]').text()).toBe(
      'the Battery 750 Wh: 21 working days from its supplier BMZ',
    );
  });

  it('a promise for earlier choices stays in place, dimmed and marked busy, until the new one arrives', () => {
    const wrapper = mount(PromiseNote, {
      props: { promise: { shipDate: '2027-01-12', bottleneck: { message: 'the work itself' } }, stale: true },
    });
    const note = wrapper.get('[data-testid="promise"]');
    expect(note.classes()).toContain('promise-note--stale');
    expect(note.attributes('aria-busy')).toBe('true');
  });

  it('shows nothing without a promise (an incomplete configuration)', () => {
    expect(
      mount(PromiseNote, { props: { promise: null } })
        .find('[data-testid="promise"]')
        .exists(),
    ).toBe(false);
  });

  it('an option that moves the date: weeks when whole, else days, nothing when it does not move it', () => {
    expect(formatPromiseDelta(10)).toBe('+2 weeks');
    expect(formatPromiseDelta(5)).toBe('+1 week');
    expect(formatPromiseDelta(3)).toBe('+3 days');
    expect(formatPromiseDelta(7)).toBe('+7 days');
    // Working days: 21 of them are about 4 weeks, not 3.
    expect(formatPromiseDelta(21)).toBe('+4 weeks');
    expect(formatPromiseDelta(1)).toBe('+1 day');
    expect(formatPromiseDelta(-5)).toBe('\u22121 week');
    expect(formatPromiseDelta(-2)).toBe('\u22122 days');
    expect(formatPromiseDelta(0)).toBeNull();
  });
});
