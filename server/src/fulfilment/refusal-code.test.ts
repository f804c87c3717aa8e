import { describe, expect, it } from 'vitest';
import { lifecycleRefusal, RefusalCode } from './refusal-code.js';

describe('lifecycleRefusal', () => {
  it('passes on the guards that can refuse a person, as RefusalCode values', () => {
    expect(lifecycleRefusal('NOT_ALLOWED_IN_STATUS')).toBe(RefusalCode.NOT_ALLOWED_IN_STATUS);
    expect(lifecycleRefusal('MATERIALS_NOT_COMPLETE')).toBe(RefusalCode.MATERIALS_NOT_COMPLETE);
  });

  it('treats the guards of automatic steps as a broken invariant, never as an undocumented code', () => {
    expect(() => lifecycleRefusal('WORK_ORDERS_OPEN')).toThrow(/WORK_ORDERS_OPEN/);
    expect(() => lifecycleRefusal('QUALITY_NOT_PASSED')).toThrow(/QUALITY_NOT_PASSED/);
  });
});
