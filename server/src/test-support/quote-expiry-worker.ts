import { createInterface } from 'node:readline';
import { systemClock } from '../db/clock.js';
import { openDatabase } from '../db/orm.js';
import { expireDueQuotes } from '../quotes/quote-expiry.js';

/**
 * Another server process's quote expiry check, for the test of two processes checking at once
 * (quotes/quote-expiry.api.test.ts): opens the database of DATABASE_URL or SQLITE_PATH, writes `ready`,
 * then for each line `go YYYY-MM-DD` runs one check on that day and writes the references it expired as
 * JSON; `exit` (or the end of its input) closes it.
 */
const orm = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || null,
  sqlitePath: process.env.SQLITE_PATH ?? '',
});
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [command, day] = line.trim().split(' ');
  if (command !== 'go' || !day) break;
  const expired = await expireDueQuotes(orm.em.fork(), systemClock(day));
  process.stdout.write(`${JSON.stringify(expired)}\n`);
}
await orm.close(true);
