import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, testDialects } from '../test-support/api-server.js';
import { browserRequest, newAddress, SIGN_IN } from './accounts.test-support.js';

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));

/** Runs `user:create` (as its package.json script does) with the text on standard input (a pipe, not a terminal). */
function userCreate(
  server: TestServer,
  args: string[],
  stdin: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const config = server.running.orm.config;
  const database =
    server.dialect === 'postgresql'
      ? { DATABASE_URL: config.get('clientUrl') as string }
      : { SQLITE_PATH: config.get('dbName') as string };
  const child = spawn(
    process.execPath,
    ['--import', '@swc-node/register/esm-register', 'scripts/user-create.ts', ...args],
    {
      cwd: SERVER_DIR,
      env: { ...process.env, DATABASE_URL: '', ...database },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe.each(await testDialects())('user:create on %s', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect, { env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => server?.close());

  it('creates a user with the password from standard input, who then signs in over HTTP', async () => {
    const email = `script-${dialect}@people.test`;
    const password = 'a password from stdin';
    const run = await userCreate(
      server,
      ['--email', email, '--role', 'ADMIN', '--role', 'sales', '--name', 'Scripted'],
      `${password}\n`,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(email);
    expect(run.stdout).not.toContain(password);
    const answer = await browserRequest(server, SIGN_IN, { email, password }, { ip: newAddress() });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.signIn).toMatchObject({ email, roles: ['ADMIN', 'SALES'] });
  }, 60_000);

  // On both databases (nothing is skipped): the taken e-mail is read from each.
  it('refuses clearly: a password on the command line, a weak password, a taken e-mail, an unknown role', async () => {
    const cases: [string[], string, RegExp][] = [
      [
        ['--email', 'p@people.test', '--role', 'ADMIN', '--password', 'long-enough-password'],
        '',
        /never taken from the command line/,
      ],
      [['--email', 'w@people.test', '--role', 'ADMIN'], 'short\n', /at least 10 characters/],
      [['--email', 'anna@customer-a.test', '--role', 'ADMIN'], 'long-enough-password\n', /already a user/],
      [
        ['--email', 'r@people.test', '--role', 'BOSS'],
        'long-enough-password\n',
        /--role: 'BOSS' is not a role/,
      ],
    ];
    for (const [args, stdin, message] of cases) {
      const run = await userCreate(server, args, stdin);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
    }
  }, 120_000);
});
