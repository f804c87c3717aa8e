import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations for the client, from the server's emitted schema and the shared operations
// (schema/operations, also used by the end-to-end tests). Output in src/graphql: generated, never edited.
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['../schema/operations/*.graphql'],
  generates: {
    './src/graphql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { useTypeImports: true, enumType: 'const', scalars: {} },
    },
  },
  ignoreNoDocuments: false,
};

export default config;
