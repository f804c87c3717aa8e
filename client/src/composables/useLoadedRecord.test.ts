import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { useLoadedRecord } from './useLoadedRecord';
import type { Remote } from './useServer';

/** Answers each key when told to, so that answers can arrive out of order. */
function pendingAnswers() {
  const waiting = new Map<string, (answer: Remote<string | null>) => void>();
  const fetch = (key: string) => new Promise<Remote<string | null>>((resolve) => waiting.set(key, resolve));
  return { fetch, answer: (key: string, answer: Remote<string | null>) => waiting.get(key)?.(answer) };
}

function host(key: ReturnType<typeof ref<string>>, fetch: (key: string) => Promise<Remote<string | null>>) {
  let loaded!: ReturnType<typeof useLoadedRecord<string>>;
  mount(
    defineComponent({
      setup() {
        loaded = useLoadedRecord(key as never, fetch);
        return () => h('p', loaded.record.value ?? '');
      },
    }),
  );
  return loaded;
}

const settle = async () => {
  for (let i = 0; i < 3; i++) await nextTick();
};

describe('useLoadedRecord', () => {
  it('shows the record, says not found for none, and says an error in words', async () => {
    const key = ref('A');
    const answers = pendingAnswers();
    const loaded = host(key, answers.fetch);
    expect(loaded.state.value).toBe('loading');
    answers.answer('A', { kind: 'ok', data: 'order A' });
    await settle();
    expect([loaded.state.value, loaded.record.value]).toEqual(['ok', 'order A']);

    key.value = 'B';
    await settle();
    answers.answer('B', { kind: 'ok', data: null });
    await settle();
    expect([loaded.state.value, loaded.record.value]).toEqual(['not-found', null]);

    key.value = 'C';
    await settle();
    answers.answer('C', { kind: 'error', message: 'No such thing', errors: [] });
    await settle();
    expect([loaded.state.value, loaded.problem.value]).toEqual(['error', 'No such thing']);
  });

  it('keeps the newer key’s answer when an older one arrives late', async () => {
    const key = ref('old');
    const answers = pendingAnswers();
    const loaded = host(key, answers.fetch);
    key.value = 'new';
    await settle();
    answers.answer('new', { kind: 'ok', data: 'the new order' });
    answers.answer('old', { kind: 'ok', data: 'the old order' });
    await settle();
    expect(loaded.record.value).toBe('the new order');
  });
});
