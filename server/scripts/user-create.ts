import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { emailInput, rolesInput } from '../src/accounts/accounts.inputs.js';
import { passwordProblem } from '../src/accounts/passwords.js';
import { UserService } from '../src/accounts/user.service.js';
import { ConfigError, readConfig } from '../src/config.js';
import { systemClock } from '../src/db/clock.js';
import { openDatabase } from '../src/db/orm.js';
import { InputError, NotFoundError } from '../src/errors.js';
import { ROLES } from '../src/graphql/authorization.js';

/**
 * `pnpm --filter ./server user:create --email ada@example.com --role ADMIN [--role …] [--name …] [--account <id>]`:
 * creates a user in the database the server uses (DATABASE_URL, else the SQLite file; migrated first).
 * The password is read from standard input when it is not a terminal (`… < file`, a pipe), or asked for
 * twice, without echo, at the terminal; never from the command line, where other users and the shell's
 * history would see it.
 */
const USAGE =
  'usage: user:create --email <e-mail> --role <ROLE> [--role <ROLE>…] [--name <name>] [--account <customer account id>]\n' +
  '  the password comes from standard input (a pipe) or is asked for at the terminal, never from the command line\n' +
  `  roles: ${ROLES.join(', ')}`;

function fail(message: string): never {
  console.error(`user:create: ${message}`);
  process.exit(1);
}

interface Wanted {
  email: string;
  name: string;
  roles: (typeof ROLES)[number][];
  accountId: number | null;
}

function readArguments(argv: string[]): Wanted {
  if (argv.some((arg) => /^--?pass(word)?(=|$)/i.test(arg)))
    fail(
      'a password is never taken from the command line: pipe it on standard input or type it at the prompt',
    );
  let values: { email?: string; role?: string[]; name?: string; account?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        role: { type: 'string', multiple: true },
        name: { type: 'string' },
        account: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  if (!values.email) fail(`--email is required\n${USAGE}`);
  const email = emailInput.safeParse(values.email);
  if (!email.success) fail(`--email: ${email.error.issues[0]!.message}`);
  const roles = rolesInput.safeParse((values.role ?? []).map((role) => role.trim().toUpperCase()));
  if (!roles.success) fail(`--role: ${roles.error.issues[0]!.message} (roles: ${ROLES.join(', ')})`);
  const accountId = values.account === undefined ? null : Number(values.account);
  if (accountId !== null && !(Number.isSafeInteger(accountId) && accountId > 0))
    fail(`--account must be a customer account's id (a positive number), not '${values.account}'`);
  const name = values.name?.trim().replace(/\s+/g, ' ') || email.data.split('@')[0]!;
  return { email: email.data, name, roles: roles.data, accountId };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing line break is the end of the line, not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** Asks at the terminal without echoing what is typed. */
function askHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: Error) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003' || char === '\u0004') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(email: string): Promise<string> {
  const password = process.stdin.isTTY ? await askHidden('Password: ') : await readStdin();
  const problem = passwordProblem(password, email);
  if (problem) fail(problem);
  if (process.stdin.isTTY && (await askHidden('Password again: ')) !== password)
    fail('the two passwords differ: nothing was created');
  return password;
}

const wanted = readArguments(process.argv.slice(2));
const password = await readPassword(wanted.email).catch((error: Error) => fail(error.message));
let config: ReturnType<typeof readConfig>;
try {
  config = readConfig();
} catch (error) {
  fail(error instanceof ConfigError ? error.message : String(error));
}
const orm = await openDatabase({
  databaseUrl: config.databaseUrl,
  sqlitePath: config.sqlitePath,
  limits: config.database,
}).catch((error: Error) => fail(`cannot open the database: ${error.message}`));
try {
  const user = await new UserService(orm.em.fork(), systemClock()).create(
    { email: wanted.email, name: wanted.name, roles: wanted.roles, accountId: wanted.accountId },
    'user:create',
    password,
  );
  console.log(`created user ${user.id} (${user.email}) with the roles ${user.roles.join(', ')}`);
} catch (error) {
  if (error instanceof InputError || error instanceof NotFoundError) {
    const option = error.field
      .replace(/^input\./, '')
      .replace('accountId', 'account')
      .replace('roles', 'role');
    fail(`--${option === 'password' ? 'password (stdin)' : option}: ${error.message}`);
  }
  throw error;
} finally {
  await orm.close(true);
}
