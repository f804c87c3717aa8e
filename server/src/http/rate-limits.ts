import { Redis } from 'ioredis';
import {
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
} from 'rate-limiter-flexible';

/**
 * Where rate-limit counts live: this process's memory by default; Redis when REDIS_URL is set, so that
 * several processes share the counts (a client cannot multiply its allowance by the number of processes).
 */
export interface RateLimitStore {
  limiter(options: {
    keyPrefix: string;
    points: number;
    durationSeconds: number;
    blockSeconds?: number;
  }): RateLimiterAbstract;
  close(): Promise<void>;
}

export function rateLimitStore(redisUrl: string | null): RateLimitStore {
  if (redisUrl === null) {
    return {
      limiter: ({ keyPrefix, points, durationSeconds, blockSeconds }) =>
        new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds, blockDuration: blockSeconds }),
      close: async () => {},
    };
  }
  // Commands fail fast instead of queueing while Redis is away; the limiter then falls back to memory
  // (insuranceLimiter), so sign-in and API calls stay limited, per process, until Redis is back.
  const client = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    lazyConnect: false,
  });
  client.on('error', () => {});
  return {
    limiter: ({ keyPrefix, points, durationSeconds, blockSeconds }) => {
      const options: IRateLimiterOptions = {
        keyPrefix,
        points,
        duration: durationSeconds,
        blockDuration: blockSeconds,
      };
      return new RateLimiterRedis({
        ...options,
        storeClient: client,
        insuranceLimiter: new RateLimiterMemory(options),
      });
    },
    close: async () => {
      client.disconnect();
    },
  };
}
