import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkNumber } from './model';
import NumericInput from './NumericInput.vue';
import { width } from './test-fixtures';

async function type(wrapper: ReturnType<typeof mount>, text: string) {
  const input = wrapper.get('[data-testid="input-width_mm"]');
  await input.setValue(text);
  await input.trigger('keydown', { key: 'Enter' });
  return input;
}

describe('NumericInput', () => {
  afterEach(() => vi.useRealTimers());

  it('is labelled, shows its unit and the range, and emits a valid value', async () => {
    const wrapper = mount(NumericInput, { props: { feature: width } });
    const input = wrapper.get('input');
    expect(wrapper.get('label').attributes('for')).toBe(input.attributes('id'));
    expect((input.element as HTMLInputElement).value).toBe('2100');
    expect(wrapper.text()).toContain('mm');
    expect(wrapper.text()).toContain('1000–2200 mm in steps of 10 mm');
    await type(wrapper, '1600');
    expect(wrapper.emitted('commit')).toEqual([['1600']]);
    expect(wrapper.find('[data-testid="input-error-width_mm"]').exists()).toBe(false);
  });

  it.each([
    ['2500', 'too large: choose between 1000 mm and 2200 mm'],
    ['900', 'too small: choose between 1000 mm and 2200 mm'],
    ['1605', 'between steps of 10 mm: choose 1600 mm or 1610 mm'],
    ['wide', '“wide” is not a number'],
    ['1600.5', 'whole number'],
  ])('refuses %s with a message in words and sends nothing', async (text, message) => {
    const wrapper = mount(NumericInput, { props: { feature: width } });
    const input = await type(wrapper, text);
    const error = wrapper.get('[data-testid="input-error-width_mm"]');
    expect(error.text()).toContain(message);
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toContain(error.attributes('id'));
    expect(wrapper.emitted('commit')).toBeUndefined();
    // The typed text stays for the person to correct.
    expect((input.element as HTMLInputElement).value).toBe(text);
  });

  it('shows the range still possible with the other choices when it is narrower', () => {
    const wrapper = mount(NumericInput, { props: { feature: { ...width, max: '1800' } } });
    expect(wrapper.text()).toContain('Possible with your other choices: 1000–1800 mm');
  });

  it("shows the server's refusal", () => {
    const wrapper = mount(NumericInput, {
      props: { feature: width, serverError: "'width_mm' must be at most 2200 mm" },
    });
    expect(wrapper.get('[data-testid="input-error-width_mm"]').text()).toBe(
      "'width_mm' must be at most 2200 mm",
    );
  });

  it('ArrowUp steps by the step and stays in range; a pause in typing sends a valid value', async () => {
    vi.useFakeTimers();
    const wrapper = mount(NumericInput, {
      props: { feature: { ...width, selected: ['2190'] }, debounce: 500 },
    });
    const input = wrapper.get('input');
    await input.trigger('keydown', { key: 'ArrowUp' });
    expect((input.element as HTMLInputElement).value).toBe('2200');
    await input.trigger('keydown', { key: 'ArrowUp' });
    expect((input.element as HTMLInputElement).value).toBe('2200');
    vi.advanceTimersByTime(600);
    expect(wrapper.emitted('commit')).toEqual([['2200']]);
  });
});

describe('checkNumber', () => {
  const decimal = { kind: 'decimal', unit: 'kg', rangeMin: '0.5', rangeMax: '2.5', step: '0.25' };
  it('checks decimal steps exactly', () => {
    expect(checkNumber('0.75', decimal)).toEqual({ ok: true, value: '0.75' });
    expect(checkNumber('1,5', decimal)).toEqual({ ok: true, value: '1.5' });
    expect(checkNumber('0.8', decimal)).toMatchObject({ ok: false });
    expect(checkNumber(' 2.50 ', decimal)).toEqual({ ok: true, value: '2.5' });
    expect(checkNumber('', decimal)).toEqual({ ok: false, message: 'Enter a number.' });
  });
});
