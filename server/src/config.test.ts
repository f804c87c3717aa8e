import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from './config.js';

describe('settings from the environment', () => {
  it('takes the defaults when nothing is set (or a variable is empty)', () => {
    const config = readConfig({ PORT: '', LOG_LEVEL: ' ' });
    expect(config).toMatchObject({
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: null,
      logLevel: 'info',
      today: null,
    });
    expect(config.sqlitePath).toMatch(/\.data\/mto\.sqlite$/);
  });

  it('reads every variable', () => {
    expect(
      readConfig({
        PORT: '8080',
        HOST: '127.0.0.1',
        DATABASE_URL: 'postgres://mto@db:5432/mto',
        SQLITE_PATH: '/tmp/x.sqlite',
        LOG_LEVEL: 'debug',
        MTO_TODAY: '2026-12-01',
      }),
    ).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      databaseUrl: 'postgres://mto@db:5432/mto',
      sqlitePath: '/tmp/x.sqlite',
      logLevel: 'debug',
      today: '2026-12-01',
    });
  });

  it('runs one process unless WORKERS says more, and more only on PostgreSQL (SQLite takes one writer)', () => {
    expect(readConfig({}).workers).toBe(1);
    expect(readConfig({ WORKERS: '4', DATABASE_URL: 'postgres://mto@db:5432/mto' }).workers).toBe(4);
    expect(readConfig({ WORKERS: '1' }).workers).toBe(1);
    expect(() => readConfig({ WORKERS: '2' })).toThrow(ConfigError);
    expect(() => readConfig({ WORKERS: '2' })).toThrow(
      'WORKERS=2 needs PostgreSQL (DATABASE_URL): the embedded SQLite file takes one writer at a time',
    );
  });

  it.each([
    ['PORT', 'abc', 'PORT must be an integer from 0 to 65535, got "abc"'],
    ['PORT', '70000', 'PORT must be an integer from 0 to 65535, got "70000"'],
    ['PORT', '-1', 'PORT must be an integer from 0 to 65535, got "-1"'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a postgres:// URL'],
    [
      'LOG_LEVEL',
      'loud',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ],
    ['MTO_TODAY', '2026-13-45', 'MTO_TODAY must be a date written YYYY-MM-DD'],
    ['MTO_TODAY', '1 Dec 2026', 'MTO_TODAY must be a date written YYYY-MM-DD'],
    ['GRAPHQL_INTROSPECTION', 'no', 'GRAPHQL_INTROSPECTION must be true or false, got "no"'],
    ['HTTP_REQUEST_TIMEOUT_MS', '0', 'HTTP_REQUEST_TIMEOUT_MS must be a positive integer, got "0"'],
    ['HTTP_MAX_CONNECTIONS', '1e3', 'HTTP_MAX_CONNECTIONS must be a positive integer, got "1e3"'],
    ['DB_LOCK_TIMEOUT_MS', '-5', 'DB_LOCK_TIMEOUT_MS must be a positive integer, got "-5"'],
    ['GRAPHQL_DEADLINE_MS', '15s', 'GRAPHQL_DEADLINE_MS must be a positive integer, got "15s"'],
    ['WORKERS', '0', 'WORKERS must be a number of processes from 1 to 64, got "0"'],
    ['WORKERS', 'auto', 'WORKERS must be a number of processes from 1 to 64, got "auto"'],
  ])('refuses a bad %s (%s), naming it', (variable, value, message) => {
    expect(() => readConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => readConfig({ [variable]: value })).toThrow(message);
  });

  it('reads the limits, with their defaults (the README states them)', () => {
    expect(readConfig({})).toMatchObject({
      introspection: true,
      graphqlDeadlineMs: 15_000,
      http: {
        headersTimeoutMs: 10_000,
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5_000,
        socketIdleTimeoutMs: 30_000,
        maxConnections: 1_000,
        shutdownGraceMs: 10_000,
      },
      database: {
        statementTimeoutMs: 30_000,
        lockTimeoutMs: 10_000,
        poolAcquireTimeoutMs: 10_000,
        healthTimeoutMs: 1_000,
      },
    });
    expect(
      readConfig({
        GRAPHQL_INTROSPECTION: 'false',
        HTTP_REQUEST_TIMEOUT_MS: '60000',
        DB_STATEMENT_TIMEOUT_MS: '5000',
        GRAPHQL_DEADLINE_MS: '2500',
      }),
    ).toMatchObject({
      introspection: false,
      graphqlDeadlineMs: 2_500,
      http: { requestTimeoutMs: 60_000 },
      database: { statementTimeoutMs: 5_000 },
    });
  });

  it('reads the mail settings: logged only without SMTP_URL, a default From', () => {
    expect(readConfig({}).mail).toEqual({
      smtpUrl: null,
      from: 'MTO Configurator <no-reply@localhost>',
      pollIntervalMs: 15_000,
    });
    expect(readConfig({ MAIL_POLL_INTERVAL_MS: '60000' }).mail.pollIntervalMs).toBe(60_000);
    expect(
      readConfig({
        SMTP_URL: 'smtps://mto:s3cret@mail.example.com:465',
        MAIL_FROM: 'Acme Sales <sales@acme.example>',
      }).mail,
    ).toMatchObject({
      smtpUrl: 'smtps://mto:s3cret@mail.example.com:465',
      from: 'Acme Sales <sales@acme.example>',
    });
    expect(readConfig({ MAIL_FROM: 'sales@acme.example' }).mail.from).toBe('sales@acme.example');
  });

  it.each([['http://mail.example.com'], ['smtp://'], ['mail.example.com:25']])(
    'refuses a bad SMTP_URL (%s) without echoing it (it may hold a password)',
    (value) => {
      expect(() => readConfig({ SMTP_URL: value })).toThrow(
        'SMTP_URL must be an smtp:// or smtps:// URL with a host',
      );
      expect(() => readConfig({ SMTP_URL: `${value}?password=hunter22` })).not.toThrow(/hunter22/);
    },
  );

  it.each([['sales'], ['Acme <sales>'], ['a@b.example, c@d.example']])(
    'refuses a bad MAIL_FROM (%s)',
    (value) => {
      expect(() => readConfig({ MAIL_FROM: value })).toThrow(
        `MAIL_FROM must be an e-mail address or "Name <address>", got "${value}"`,
      );
    },
  );

  it('refuses a headers timeout longer than the request timeout (Node would refuse it at start)', () => {
    expect(() => readConfig({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toThrow(
      'HTTP_HEADERS_TIMEOUT_MS (40000) must not exceed HTTP_REQUEST_TIMEOUT_MS (30000)',
    );
  });

  it('names every bad variable at once', () => {
    expect(() => readConfig({ PORT: 'x', MTO_TODAY: 'tomorrow' })).toThrow(/PORT must .*; MTO_TODAY must/);
  });
});

describe('the server process', () => {
  it('does not start with a bad PORT: exit code 1 and a line naming the variable', () => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const run = spawnSync(process.execPath, ['--import', '@swc-node/register/esm-register', main], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    const line = JSON.parse(run.stderr.trim().split('\n').at(-1)!) as { level: number; msg: string };
    expect(line).toMatchObject({
      level: 60,
      msg: 'cannot start: PORT must be an integer from 0 to 65535, got "eighty"',
    });
  }, 30_000);
});
