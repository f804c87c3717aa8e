import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { SCHEMA_FILE, schemaFileText } from '../src/graphql/schema-file.js';

/**
 * `npx -y pnpm@10.34.9 --filter ./server emit-schema`: prints the server's GraphQL schema (built from the
 * resolvers) to schema/schema.graphql, the committed contract that the client and partners build on.
 * src/graphql/schema.test.ts fails when the committed file differs from what this writes.
 */
const text = await schemaFileText();
if (existsSync(SCHEMA_FILE) && readFileSync(SCHEMA_FILE, 'utf8') === text) {
  console.log(`${SCHEMA_FILE} is up to date`);
} else {
  writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${SCHEMA_FILE}`);
}
