import 'reflect-metadata';
import cluster from 'node:cluster';
import { runPrimary, serveAsWorker, workerIndex } from './cluster.js';
import { ConfigError, readConfig, type ServerConfig } from './config.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';

// The built server's entry point (server/dist/main.js): GraphQL at /graphql, the client at /.
let config: ServerConfig;
try {
  config = readConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // No logger yet (LOG_LEVEL may be the bad setting): one JSON line as the logger would write it.
  console.error(JSON.stringify({ level: 60, time: Date.now(), msg: `cannot start: ${error.message}` }));
  process.exit(1);
}
const rootLogger = createLogger(config.logLevel);
// WORKERS=N (N > 1, PostgreSQL only): this process forks and watches the N server processes (cluster.ts).
if (config.workers > 1 && cluster.isPrimary) {
  await runPrimary(config, rootLogger);
} else {
  await serve(config);
}

async function serve(config: ServerConfig): Promise<void> {
  const worker = workerIndex();
  // Every line a worker logs names it (its index), so that one process's story can be followed.
  const logger = worker === null ? rootLogger : rootLogger.child({ worker });
  try {
    const running = await startServer(config, logger);
    const database = config.databaseUrl ? 'postgresql' : `sqlite ${config.sqlitePath}`;
    if (worker === null) {
      logger.info({ url: running.url, database }, `listening on ${running.url}`);
    } else {
      // The primary says "listening on" once every worker serves.
      logger.info({ url: running.url, database }, `worker ${worker} serving`);
      serveAsWorker(running.server, worker, running.url);
    }
    let stopping = false;
    // Stop accepting, let requests in flight finish (up to SHUTDOWN_GRACE_MS), close the database, exit 0.
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      const graceMs = config.http.shutdownGraceMs;
      logger.info({ signal, graceMs }, 'shutting down: requests in flight may finish');
      running.close(graceMs).then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
      // Closing GraphQL and the database after the grace period should take a moment; never hang.
      setTimeout(() => process.exit(1), graceMs + 5000).unref();
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
  } catch (error) {
    logger.fatal({ err: error }, `cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
