import 'reflect-metadata';
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
const logger = createLogger(config.logLevel);

try {
  const running = await startServer(config, logger);
  logger.info(
    { url: running.url, database: config.databaseUrl ? 'postgresql' : `sqlite ${config.sqlitePath}` },
    `listening on ${running.url}`,
  );
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
