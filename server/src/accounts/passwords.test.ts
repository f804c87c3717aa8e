import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verificationCount, verifyPassword } from './passwords.js';

describe('passwords', () => {
  it('hashes with argon2id, a new salt each time, and verifies only the right password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword(first, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(first, 'correct horse batterY')).toBe(false);
  });

  it('runs one verification also without a hash (unknown e-mail), and never signs that in', async () => {
    const before = verificationCount();
    expect(await verifyPassword(null, 'anything at all')).toBe(false);
    expect(await verifyPassword(undefined, '')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything at all')).toBe(false);
    expect(verificationCount() - before).toBe(3);
  });

  it('takes 10 to 200 characters, not the e-mail', () => {
    expect(passwordProblem('short', 'a@b.test')).toMatch(/at least 10 characters, not 5/);
    expect(passwordProblem('x'.repeat(201), 'a@b.test')).toMatch(/at most 200 characters, not 201/);
    expect(passwordProblem(' Ada@Example.com ', 'ada@example.com')).toMatch(/cannot be the e-mail/);
    expect(passwordProblem('ten chars!', 'a@b.test')).toBeNull();
    expect(passwordProblem('x'.repeat(200), 'a@b.test')).toBeNull();
  });
});
