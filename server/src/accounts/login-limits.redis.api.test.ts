import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/api-server.js';
import { REDIS_URL, redisAnswers } from '../test-support/redis.js';
import { browserRequest, createUser, newAddress, SIGN_IN } from './accounts.test-support.js';
import { ACCOUNT_FAILURES } from './login-limits.js';
import { tokenHash } from './session.service.js';

const reachable = await redisAnswers();
if (!reachable && process.env.CI !== 'true') {
  console.warn(
    `\n!!! Redis is not reachable at ${REDIS_URL}: the test of sign-in limits shared through Redis is SKIPPED here. In CI it runs (and fails without Redis).\n`,
  );
}

describe.skipIf(!reachable && process.env.CI !== 'true')('sign-in limits shared through Redis', () => {
  const servers: TestServer[] = [];
  beforeAll(async () => {
    if (!reachable)
      throw new Error(`Redis must answer at ${REDIS_URL} in CI (start redis-server); it does not.`);
    for (let i = 0; i < 2; i++)
      servers.push(await startTestServer('sqlite', { env: { REDIS_URL, TRUST_PROXY: 'true' } }));
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
  });

  it('counts the failures of one account on every server that shares REDIS_URL, and stores no e-mail', async () => {
    // A new e-mail each run: counts in Redis outlive the test (15 minutes).
    const email = `shared-${randomBytes(6).toString('hex')}@redis.test`;
    const password = 'the-right-password';
    for (const server of servers) await createUser(server, { email, password });
    for (let failure = 0; failure < ACCOUNT_FAILURES; failure++) {
      const server = servers[failure % 2]!;
      const answer = await browserRequest(
        server,
        SIGN_IN,
        { email, password: 'a-wrong-password' },
        { ip: newAddress() },
      );
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    for (const server of servers) {
      const refused = await browserRequest(server, SIGN_IN, { email, password }, { ip: newAddress() });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    }
    const redis = new Redis(REDIS_URL);
    try {
      expect(await redis.exists(`login-fail-account:${tokenHash(email)}`)).toBe(1);
      expect(await redis.keys(`*${email}*`)).toEqual([]);
    } finally {
      redis.disconnect();
    }
  });
});
