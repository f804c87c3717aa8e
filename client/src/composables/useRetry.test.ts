import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { RETRY_DELAY_MS, useRetry } from './useRetry';

function withRetry() {
  let retry!: ReturnType<typeof useRetry>;
  const wrapper = mount(
    defineComponent({
      setup() {
        retry = useRetry();
        return () => h('p');
      },
    }),
  );
  return { wrapper, retry };
}

describe('useRetry', () => {
  afterEach(() => vi.useRealTimers());

  it('after a failed load: a page shown stays shown and a page not yet shown says down, both asked again; an error is not', async () => {
    vi.useFakeTimers();
    const { wrapper, retry } = withRetry();
    const load = vi.fn();
    expect(retry.afterFailure('ok', 'down', load)).toBe('ok');
    expect(retry.afterFailure('loading', 'down', load)).toBe('down');
    await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS);
    expect(load).toHaveBeenCalledTimes(1);
    expect(retry.afterFailure('ok', 'error', load)).toBe('error');
    await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS * 2);
    expect(load).toHaveBeenCalledTimes(1);
    wrapper.unmount();
  });

  it('asks again once, RETRY_DELAY_MS later; a newer retry replaces the waiting one', async () => {
    vi.useFakeTimers();
    const { wrapper, retry } = withRetry();
    const first = vi.fn();
    const second = vi.fn();
    retry.later(first);
    retry.later(second);
    await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS - 1);
    expect(second).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    retry.later(first);
    retry.cancel();
    await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS * 2);
    expect(first).not.toHaveBeenCalled();
    wrapper.unmount();
  });

  it('stops when the page goes: nothing waiting runs, and nothing new is scheduled', async () => {
    vi.useFakeTimers();
    const { wrapper, retry } = withRetry();
    const again = vi.fn();
    retry.later(again);
    expect(retry.stopped()).toBe(false);
    wrapper.unmount();
    expect(retry.stopped()).toBe(true);
    retry.later(again);
    await vi.advanceTimersByTimeAsync(RETRY_DELAY_MS * 2);
    expect(again).not.toHaveBeenCalled();
  });
});
