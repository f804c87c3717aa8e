import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { buildGraphQLSchema } from './schema.js';

/** The committed contract: the schema printed from the resolvers (same path from src/ and dist/). */
export const SCHEMA_FILE = fileURLToPath(new URL('../../../schema/schema.graphql', import.meta.url));

export const EMIT_SCHEMA_COMMAND = 'npx -y pnpm@10.34.9 --filter ./server emit-schema';

const HEADER = [
  '# GENERATED FILE: do not edit by hand. The GraphQL schema of the server, printed from its resolvers',
  `# by server/scripts/emit-schema.ts. Regenerate with: ${EMIT_SCHEMA_COMMAND}`,
  '# server/src/graphql/schema.test.ts fails when this file is stale.',
].join('\n');

/** What schema/schema.graphql must contain for the schema the server builds now. */
export async function schemaFileText(): Promise<string> {
  return `${HEADER}\n\n${printSchema(await buildGraphQLSchema()).trimEnd()}\n`;
}
