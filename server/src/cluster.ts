import cluster, { type Worker } from 'node:cluster';
import type { Server } from 'node:http';
import type { ServerConfig } from './config.js';
import type { Logger } from './logger.js';

/**
 * WORKERS=N: node's cluster module runs N server processes on one port (the primary accepts connections
 * and hands them out in turn). Every worker is a whole server on the shared PostgreSQL database: the
 * database, LISTEN/NOTIFY and Redis (REDIS_URL) are what they share, never their memory (docs/scaling.md).
 */

/** The variable the primary gives each worker: its index, 1 to N (a replacement keeps the index it replaces). */
const WORKER_INDEX = 'MTO_WORKER_INDEX';

/** The response header naming the worker that answered (its index only: nothing about the machine). */
export const WORKER_HEADER = 'x-worker';

interface ListeningMessage {
  kind: 'mto:listening';
  url: string;
}

function isListening(message: unknown): message is ListeningMessage {
  return (message as ListeningMessage | null)?.kind === 'mto:listening';
}

/** This process's index among the workers, or null when it is the only process (WORKERS=1). */
export function workerIndex(): number | null {
  if (!cluster.isWorker) return null;
  const index = Number(process.env[WORKER_INDEX]);
  return Number.isInteger(index) && index > 0 ? index : null;
}

/** In a worker: names it in every answer's x-worker header, and tells the primary it is serving. */
export function serveAsWorker(server: Server, index: number, url: string): void {
  server.prependListener('request', (_request, response) => response.setHeader(WORKER_HEADER, String(index)));
  const message: ListeningMessage = { kind: 'mto:listening', url };
  process.send?.(message);
}

/**
 * The primary of WORKERS=N: starts the first worker alone (it migrates and seeds a new database), then
 * the others side by side, and logs "listening on" once all serve. A worker that dies after it served is
 * replaced; one that dies before it served stops everything (a bad database would fail them all alike).
 * SIGTERM/SIGINT is passed to every worker, which drains its requests; the primary exits when all have.
 */
export async function runPrimary(config: ServerConfig, logger: Logger): Promise<void> {
  const workers = new Map<number, Worker>();
  let stopping = false;
  let failed = false;

  const stopAll = (reason: string, exitCode: number): void => {
    if (stopping) return;
    stopping = true;
    if (exitCode !== 0) failed = true;
    logger.info({ reason, workers: workers.size }, 'stopping the workers');
    for (const worker of workers.values()) worker.process.kill('SIGTERM');
    if (workers.size === 0) process.exit(exitCode);
    // Each worker lets its requests finish for SHUTDOWN_GRACE_MS and then closes; never hang.
    setTimeout(() => {
      for (const worker of workers.values()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, config.http.shutdownGraceMs + 10_000).unref();
  };

  const fork = (index: number): Promise<string> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork({ [WORKER_INDEX]: String(index) });
      workers.set(index, worker);
      let served = false;
      worker.on('message', (message: unknown) => {
        if (!isListening(message) || served) return;
        served = true;
        resolve(message.url);
      });
      worker.once('exit', (code, signal) => {
        if (workers.get(index) === worker) workers.delete(index);
        if (stopping) {
          if (code !== 0) failed = true;
          if (workers.size === 0) process.exit(failed ? 1 : 0);
          return;
        }
        if (!served) {
          reject(new Error(`worker ${index} exited before it served (code ${code}, signal ${signal})`));
          return;
        }
        logger.error({ worker: index, code, signal }, `worker ${index} exited; starting another`);
        fork(index).catch((error: unknown) => stopAll(String(error), 1));
      });
    });

  if (!config.redisUrl) {
    logger.warn(
      { workers: config.workers },
      'REDIS_URL is not set: each worker counts sign-in and API key limits on its own, so a client may get up to WORKERS times the limit',
    );
  }
  process.on('SIGINT', () => stopAll('SIGINT', 0));
  process.on('SIGTERM', () => stopAll('SIGTERM', 0));
  try {
    const url = await fork(1);
    const others = Array.from({ length: config.workers - 1 }, (_, i) => fork(i + 2));
    await Promise.all(others);
    logger.info({ url, workers: config.workers }, `listening on ${url}`);
  } catch (error) {
    logger.fatal({}, `cannot start: ${error instanceof Error ? error.message : String(error)}`);
    stopAll('a worker could not start', 1);
  }
}
