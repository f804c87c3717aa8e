import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMIT_SCHEMA_COMMAND, SCHEMA_FILE, schemaFileText } from './schema-file.js';

describe('schema/schema.graphql', () => {
  it('is the schema the server builds now (not stale)', async () => {
    const expected = await schemaFileText();
    const committed = existsSync(SCHEMA_FILE) ? readFileSync(SCHEMA_FILE, 'utf8') : null;
    // On failure: the message names the command, and the diff shows what changed.
    expect(
      committed,
      committed === null
        ? `${SCHEMA_FILE} is missing: run \`${EMIT_SCHEMA_COMMAND}\` and commit it`
        : `${SCHEMA_FILE} is stale (the resolvers changed): run \`${EMIT_SCHEMA_COMMAND}\` and commit it`,
    ).toBe(expected);
  });
});
